// Atomic writes: the temporary file sits beside the target (same file system, so the rename is
// atomic), is created first so that a missing directory or a permission problem is reported
// with the system's reason, and is removed whenever anything fails, including a signal that
// ends the process.
#include "atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstring>
#include <mutex>
#include <utility>

#include "user_text.hpp"

namespace al {
namespace {

// ---------------------------------------------------------------------------------------------
// The live temporary files, for the signal handler. A handler may run between any two
// instructions of a write, so it reads only lock-free atomics and fixed buffers, and calls only
// async-signal-safe functions (unlink, raise).

enum SlotState : int { kFree, kClaimed, kLive };

struct Slot {
  std::atomic<int> state{kFree};
  char path[PATH_MAX];
};
static_assert(std::atomic<int>::is_always_lock_free);

Slot g_slots[kMaxLiveTemporaries];
std::atomic<unsigned long> g_names{0};  // makes each temporary name of this process distinct

void remove_temporaries_and_die(int sig) {
  for (Slot& slot : g_slots)
    if (slot.state.load(std::memory_order_acquire) == kLive) ::unlink(slot.path);
  // SA_RESETHAND has restored the default action and the signal is blocked while the handler
  // runs, so the raised signal ends the process, as the original would have, when it returns.
  ::raise(sig);
}

constexpr int kCleanupSignals[] = {SIGINT, SIGTERM, SIGHUP};

void install_handlers() {
  static std::once_flag once;
  std::call_once(once, [] {
    struct sigaction action {};
    action.sa_handler = remove_temporaries_and_die;
    action.sa_flags = SA_RESETHAND;
    sigemptyset(&action.sa_mask);
    for (int sig : kCleanupSignals) sigaddset(&action.sa_mask, sig);
    for (int sig : kCleanupSignals) {
      struct sigaction current {};
      if (::sigaction(sig, nullptr, &current) == 0 && !(current.sa_flags & SA_SIGINFO) &&
          current.sa_handler == SIG_DFL)
        ::sigaction(sig, &action, nullptr);
    }
  });
}

// Registers `path`; nullptr when it does not fit or all slots are taken (the write then goes
// ahead without the clean-up on a signal).
Slot* register_path(const std::string& path) {
  if (path.size() >= PATH_MAX) return nullptr;
  for (Slot& slot : g_slots) {
    int expected = kFree;
    if (!slot.state.compare_exchange_strong(expected, kClaimed, std::memory_order_acquire))
      continue;
    std::memcpy(slot.path, path.c_str(), path.size() + 1);
    slot.state.store(kLive, std::memory_order_release);
    return &slot;
  }
  return nullptr;
}

void release(Slot*& slot) {
  if (slot) slot->state.store(kFree, std::memory_order_release);
  slot = nullptr;
}

// ---------------------------------------------------------------------------------------------
// Names and messages.

std::string cannot_write(const std::string& path, const std::string& reason) {
  return printable(path) + ": cannot write: " + reason;
}

std::string directory_of(const std::string& path) {
  const auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

// ".<name>.<pid>.<n>.tmp" beside `target`, with <name> cut (at a UTF-8 character boundary) so
// that the whole stays within NAME_MAX bytes, whatever the target's name.
std::string temporary_name(const std::string& target) {
  const auto slash = target.rfind('/');
  const std::size_t name_at = slash == std::string::npos ? 0 : slash + 1;
  std::string_view name = std::string_view(target).substr(name_at);
  // Appended piece by piece: GCC 12 gives a false -Wrestrict on a chain of operator+ here.
  std::string suffix = ".";
  suffix += std::to_string(::getpid());
  suffix += '.';
  suffix += std::to_string(g_names.fetch_add(1));
  suffix += ".tmp";
  const std::size_t room = NAME_MAX - 1 - suffix.size();
  if (name.size() > room) {
    std::size_t cut = room;
    while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
    name = name.substr(0, cut);
  }
  std::string out = target.substr(0, name_at);
  out += '.';
  out += name;
  out += suffix;
  return out;
}

// Why a file could not be created beside `target`. ENOENT means a missing directory, or a
// directory whose file system creates no files (/proc); the message tells which.
std::string cannot_create(const std::string& target, int error) {
  if (error != ENOENT) return cannot_write(target, std::strerror(error));
  const std::string dir = directory_of(target);
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
    return cannot_write(target, "there is no directory " + quote_for_message(dir));
  return cannot_write(target, "the directory " + quote_for_message(dir) +
                                  " does not take new files (" + std::strerror(error) + ")");
}

// Only a regular file (or nothing) may be replaced: renaming over a directory fails late, and
// over a device such as /dev/null it would replace the device.
std::optional<std::string> check_target(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;  // created by the rename
  if (S_ISDIR(st.st_mode)) return quote_for_message(path) + " is a directory";
  if (!S_ISREG(st.st_mode)) return quote_for_message(path) + " is not a regular file";
  return std::nullopt;
}

// A registered temporary file beside a target; removed on destruction unless renamed.
class Temporary {
 public:
  explicit Temporary(std::string target) : target_(std::move(target)) {}
  Temporary(const Temporary&) = delete;
  Temporary& operator=(const Temporary&) = delete;
  ~Temporary() {
    if (fd_ >= 0) ::close(fd_);
    if (created_) ::unlink(path_.c_str());
    release(slot_);
  }

  // Creates the file, open for writing (fd()).
  std::optional<std::string> create() {
    if (auto error = check_target(target_)) return error;
    install_handlers();
    // A name can only be taken by a file left by a killed process that had the same pid.
    for (int attempt = 0;; ++attempt) {
      path_ = temporary_name(target_);
      slot_ = register_path(path_);
      fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);
      if (fd_ >= 0) {
        created_ = true;
        return std::nullopt;
      }
      const int error = errno;
      release(slot_);
      if (error != EEXIST || attempt == 100) return cannot_create(target_, error);
    }
  }

  const std::string& path() const { return path_; }
  int fd() const { return fd_; }

  // Closes the descriptor; the error names the target.
  std::optional<std::string> close() {
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) return cannot_write(target_, std::strerror(errno));
    return std::nullopt;
  }

  std::optional<std::string> rename() {
    if (::rename(path_.c_str(), target_.c_str()) != 0)
      return cannot_write(target_, std::strerror(errno));
    created_ = false;
    release(slot_);
    return std::nullopt;
  }

 private:
  std::string target_, path_;
  int fd_ = -1;
  bool created_ = false;
  Slot* slot_ = nullptr;
};

}  // namespace

std::optional<std::string> write_path_atomic(
    const std::string& path,
    const std::function<std::optional<std::string>(const std::string& tmp_path)>& write) {
  Temporary tmp(path);
  if (auto error = tmp.create()) return error;
  if (auto error = tmp.close()) return error;
  if (auto error = write(tmp.path())) return error;
  return tmp.rename();
}

std::optional<std::string> write_file_atomic(const std::string& path, std::string_view bytes) {
  Temporary tmp(path);
  if (auto error = tmp.create()) return error;
  while (!bytes.empty()) {
    const ssize_t n = ::write(tmp.fd(), bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return cannot_write(path, std::strerror(errno));
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  if (auto error = tmp.close()) return error;
  return tmp.rename();
}

std::optional<std::string> check_writable(const std::string& path) {
  Temporary tmp(path);
  return tmp.create();
}

}  // namespace al
