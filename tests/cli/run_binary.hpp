// Running the real attention-lab binary (AL_BINARY) in a test's own directory: exit code and
// captured stdout and stderr, and the check that bad input is one line on stderr, exit code 2
// and no file written. A run that outlives its time limit is killed, so a hang fails its test
// instead of stalling CTest.
#pragma once

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "../figure/temp_dir.hpp"

namespace al::test {

struct Outcome {
  int code = -1;  // -1: killed by a signal, or by the time limit
  std::string out, err;
  bool timed_out = false;
  std::chrono::duration<double> took{};
};

struct RunLimits {
  std::chrono::seconds timeout{600};
  std::string stdout_path;  // where stdout goes instead of being captured, e.g. /dev/full
  // When nonzero, this signal is sent once the run has lasted signal_after.
  int signal = 0;
  std::chrono::milliseconds signal_after{0};
};

// The XDG_STATE_HOME of every run: the window keeps its last state under it.
inline const TempDir& state_home() {
  static const TempDir home;
  return home;
}

// Runs AL_BINARY with `args` in `cwd`, stdout and stderr captured through files elsewhere.
inline Outcome run(const TempDir& cwd, const std::vector<std::string>& args,
                   const RunLimits& limits = {}) {
  static const TempDir logs;
  const std::string out_path =
      limits.stdout_path.empty() ? logs.file("stdout") : limits.stdout_path;
  const std::string err_path = logs.file("stderr");
  const std::string home = state_home().path();  // made here: the child's copy would differ
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = ::fork();
  if (pid == 0) {
    std::vector<char*> argv;
    std::string binary = AL_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> copy = args;
    for (std::string& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out < 0 || err < 0 || ::chdir(cwd.path().c_str()) != 0) ::_exit(126);
    ::dup2(out, 1);
    ::dup2(err, 2);
    ::setenv("XDG_STATE_HOME", home.c_str(), 1);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  Outcome r;
  int status = 0;
  bool signalled = false;
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (limits.signal != 0 && !signalled &&
        std::chrono::steady_clock::now() - start > limits.signal_after) {
      ::kill(pid, limits.signal);
      signalled = true;
    }
    if (std::chrono::steady_clock::now() - start > limits.timeout) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      r.timed_out = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  r.took = std::chrono::steady_clock::now() - start;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (limits.stdout_path.empty()) r.out = read_file(out_path);
  r.err = read_file(err_path);
  return r;
}

inline int lines(const std::string& text) {
  return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

// Exit 2, exactly one line on stderr starting "attention-lab: " and containing `needle`, and
// nothing written in the working directory (which held `files_before`).
inline void expect_bad_input(const Outcome& r, const std::string& needle, const TempDir& cwd,
                             const std::string& files_before = "") {
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(lines(r.err), 1) << r.err;
  EXPECT_EQ(r.err.rfind("attention-lab: ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find(needle), std::string::npos) << r.err;
  EXPECT_EQ(cwd.listing(), files_before);
}

// The rows of a CSV after its header, as cells.
inline std::vector<std::vector<std::string>> rows_of(const std::string& csv) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::istringstream parts(line);
    std::string cell;
    while (std::getline(parts, cell, ',')) cells.push_back(cell);
    rows.push_back(cells);
  }
  return rows;
}

// A CSV's header line.
inline std::string header(const std::string& csv) {
  return csv.substr(0, csv.find('\n'));
}

}  // namespace al::test
