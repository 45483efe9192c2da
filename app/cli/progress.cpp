// The progress report of long commands (see progress.hpp).
#include "progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace al::cli {

Progress::Progress(std::string label, int total)
    : label_(std::move(label)), total_(std::max(total, 1)), terminal_(::isatty(STDERR_FILENO)) {}

void Progress::update(int done, const std::string& detail) {
  const int percent = static_cast<int>(100LL * std::clamp(done, 0, total_) / total_);
  if (terminal_) {
    if (percent == shown_) return;
    shown_ = percent;
    constexpr int kWidth = 30;
    const int filled = percent * kWidth / 100;
    std::fprintf(stderr, "\r%s [%s%s] %3d%% %d/%d %s\033[K", label_.c_str(),
                 std::string(static_cast<std::size_t>(filled), '#').c_str(),
                 std::string(static_cast<std::size_t>(kWidth - filled), '.').c_str(), percent, done,
                 total_, detail.c_str());
    std::fflush(stderr);
    return;
  }
  const int tenth = percent / 10;
  if (tenth == shown_ || tenth == 0) return;
  shown_ = tenth;
  std::fprintf(stderr, "%s: %3d%% (%d of %d), %s\n", label_.c_str(), tenth * 10, done, total_,
               detail.c_str());
}

void Progress::finish() {
  if (terminal_ && shown_ >= 0) std::fputc('\n', stderr);
}

}  // namespace al::cli
