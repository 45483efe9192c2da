// The window ended by a signal (Ctrl+C in its terminal, a session logging out) keeps what the
// user did: SIGINT and SIGTERM save the last state as closing the window does, and the process
// exits with 128 + the signal.
#include <gtest/gtest.h>

#include <csignal>

#include "tests/cli/run_binary.hpp"

namespace al::test {
namespace {

TEST(Signals, SigintAndSigtermSaveTheLastStateAndExit) {
  const TempDir cwd;
  const std::string last = state_home().file("attention-lab/last-session.json");
  for (int sig : {SIGINT, SIGTERM}) {
    SCOPED_TRACE(sig);
    std::remove(last.c_str());
    RunLimits limits;
    limits.timeout = std::chrono::seconds(60);
    limits.signal = sig;
    limits.signal_after = std::chrono::milliseconds(2500);  // the window is up and idle
    const std::string w = sig == SIGINT ? "2.5" : "7.25";
    const Outcome r = run(cwd, {"--set", "kernel.w=" + w}, limits);
    EXPECT_FALSE(r.timed_out);
    EXPECT_EQ(r.code, 128 + sig) << r.err;
    EXPECT_NE(read_file(last).find("\"kernel.w\": \"" + w + "\""), std::string::npos)
        << read_file(last);
    EXPECT_EQ(cwd.listing(), "");
  }
}

}  // namespace
}  // namespace al::test
