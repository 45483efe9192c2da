// Atomic writes: the temporary file sits beside the target (same file system, so rename is
// atomic), is created first so that a missing directory or a permission problem is reported
// with the system's reason, and is removed whenever anything fails.
#include "atomic_file.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace al {
namespace {

std::string cannot_write(const std::string& path, const std::string& reason) {
  return path + ": cannot write: " + reason;
}

}  // namespace

std::optional<std::string> write_path_atomic(
    const std::string& path,
    const std::function<std::optional<std::string>(const std::string& tmp_path)>& write) {
  const std::string tmp = path + ".tmp-" + std::to_string(::getpid());
  std::FILE* probe = std::fopen(tmp.c_str(), "wb");
  if (!probe) return cannot_write(path, std::strerror(errno));
  std::fclose(probe);
  if (auto error = write(tmp)) {
    std::remove(tmp.c_str());
    return error;
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    const int e = errno;
    std::remove(tmp.c_str());
    return cannot_write(path, std::strerror(e));
  }
  return std::nullopt;
}

std::optional<std::string> write_file_atomic(const std::string& path, std::string_view bytes) {
  return write_path_atomic(path, [&](const std::string& tmp) -> std::optional<std::string> {
    std::FILE* f = std::fopen(tmp.c_str(), "wb");
    if (!f) return cannot_write(path, std::strerror(errno));
    const bool written = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
    const int write_errno = errno;
    const bool closed = std::fclose(f) == 0;
    if (!written || !closed)
      return cannot_write(path, std::strerror(written ? errno : write_errno));
    return std::nullopt;
  });
}

}  // namespace al
