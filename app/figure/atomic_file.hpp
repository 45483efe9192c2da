// Atomic file replacement: write to "<path>.tmp-<pid>" beside the target, then rename over it.
// Readers never see a half-written file and a failed write leaves the old file untouched.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace al {

// Writes `bytes` to `path` atomically; the error names the path.
std::optional<std::string> write_file_atomic(const std::string& path, std::string_view bytes);

// For writers that want a file name (Cairo): `write` fills the temporary path and returns an
// error or nothing; on success the temporary file is renamed to `path`, otherwise removed.
std::optional<std::string> write_path_atomic(
    const std::string& path,
    const std::function<std::optional<std::string>(const std::string& tmp_path)>& write);

}  // namespace al
