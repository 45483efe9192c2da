// Atomic file replacement for every file the app writes (figures, sessions, models, screenshots):
// the bytes go to a temporary file beside the target, ".<name>.<pid>.<n>.tmp" (the name cut so
// that it stays within the 255-byte limit of a file name), which is then renamed over the target.
// Readers never see a half-written file, and a failure leaves the old file untouched and removes
// the temporary one.
//
// A temporary file is also removed when SIGINT, SIGTERM or SIGHUP ends the process during a
// write: the first write installs handlers for those of the three that still have their default
// action (an ignored signal stays ignored), which remove the live temporary files and then die of
// the signal as they would have. At most kMaxLiveTemporaries writes are covered at once; more
// still write correctly.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace al {

inline constexpr int kMaxLiveTemporaries = 8;

// Writes `bytes` to `path` atomically; the error names the path.
std::optional<std::string> write_file_atomic(const std::string& path, std::string_view bytes);

// For writers that want a file name (Cairo): `write` fills the temporary path and returns an
// error or nothing; on success the temporary file is renamed to `path`, otherwise removed.
std::optional<std::string> write_path_atomic(
    const std::string& path,
    const std::function<std::optional<std::string>(const std::string& tmp_path)>& write);

// Whether `path` can be written, known before long work that ends by writing it: creates and
// removes a temporary file beside it. Errors are those a write would give: a missing directory,
// no permission, a directory or a device in the target's place.
std::optional<std::string> check_writable(const std::string& path);

}  // namespace al
