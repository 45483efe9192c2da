// Progress of a long command on stderr: on a terminal, a bar redrawn in place; otherwise (a log,
// a pipe) one line per 10 % so that logs stay short and readable.
#pragma once

#include <string>

namespace al::cli {

class Progress {
 public:
  // `label` starts every report ("train reverse"); `total` is the number of units of work.
  Progress(std::string label, int total);
  // `done` units finished; `detail` ("loss 0.0123") follows the percentage.
  void update(int done, const std::string& detail);
  // Ends the bar's line on a terminal (nothing otherwise).
  void finish();

 private:
  std::string label_;
  int total_;
  bool terminal_;
  int shown_ = -1;  // the last percentage (terminal) or tenth (otherwise) reported
};

}  // namespace al::cli
