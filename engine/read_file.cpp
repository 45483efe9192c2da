// The one reader of outside files. The file is opened without blocking (a FIFO with no writer
// would otherwise wait forever in open) and checked through its descriptor, so what is checked
// is what is read, even if the path is replaced in between.
#include "read_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>

#include "user_text.hpp"

namespace al {
namespace {

std::string size_text(std::size_t bytes) {
  if (bytes % (std::size_t{1} << 20) == 0) return std::to_string(bytes >> 20) + " MB";
  return std::to_string(bytes) + " bytes";
}

// Closes the descriptor on every way out.
struct Descriptor {
  int fd;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

Expected<std::string> read_regular_file(const std::string& path, std::size_t max_bytes,
                                        std::string_view what) {
  const auto failed = [&](const char* doing, int error) {
    return Error{printable(path) + ": " + doing + ": " + std::strerror(error)};
  };
  const Descriptor file{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)};
  if (file.fd < 0) return failed("cannot open", errno);
  struct stat st {};
  if (::fstat(file.fd, &st) != 0) return failed("cannot read", errno);
  if (S_ISDIR(st.st_mode)) return Error{quote_for_message(path) + " is a directory"};
  if (!S_ISREG(st.st_mode)) return Error{quote_for_message(path) + " is not a regular file"};
  const auto too_large = [&] {
    return Error{quote_for_message(path) + " is larger than " + size_text(max_bytes) +
                 ", the limit for " + std::string(what)};
  };
  if (static_cast<std::uintmax_t>(st.st_size) > max_bytes) return too_large();

  // The size is only a hint: files in /proc say 0, and a file may grow while it is read. The
  // loop reads until the end, one byte past the limit at most.
  std::string bytes;
  bytes.reserve(static_cast<std::size_t>(st.st_size));
  char buffer[1 << 16];
  for (;;) {
    const std::size_t want = std::min(sizeof buffer, max_bytes + 1 - bytes.size());
    const ssize_t got = ::read(file.fd, buffer, want);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return failed("cannot read", errno);
    if (got == 0) return bytes;
    bytes.append(buffer, static_cast<std::size_t>(got));
    if (bytes.size() > max_bytes) return too_large();
  }
}

}  // namespace al
