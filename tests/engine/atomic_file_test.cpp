// Atomic writes: temporary names that always fit, nothing left behind on failure or on SIGINT /
// SIGTERM, targets that are not regular files refused, errors that give the real cause.
#include "engine/atomic_file.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

#include "../figure/temp_dir.hpp"

namespace al {
namespace {

using test::read_file;
using test::TempDir;

// 'path', as messages quote it (built by appending: GCC 12 gives a false -Wrestrict on
// "'" + path).
std::string quoted(const std::string& path) {
  return std::string(1, '\'').append(path).append(1, '\'');
}

TEST(AtomicFile, WritesATargetWithTheLongestFileName) {
  TempDir dir;
  for (const std::size_t length : {250u, 255u}) {
    const std::string path = dir.file(std::string(length - 4, 'n') + ".csv");
    ASSERT_EQ(write_file_atomic(path, "x,y\n"), std::nullopt);
    EXPECT_EQ(read_file(path), "x,y\n");
    ASSERT_EQ(write_path_atomic(path,
                                [](const std::string& tmp) -> std::optional<std::string> {
                                  test::write_text(tmp, "1,2\n");
                                  return std::nullopt;
                                }),
              std::nullopt);
    EXPECT_EQ(read_file(path), "1,2\n");
    EXPECT_EQ(check_writable(path), std::nullopt);
    EXPECT_EQ(dir.listing(), std::filesystem::path(path).filename().string());
    std::filesystem::remove(path);
  }
}

TEST(AtomicFile, TheTemporaryFileIsHiddenBesideTheTarget) {
  TempDir dir;
  std::string seen;
  ASSERT_EQ(write_path_atomic(dir.file("out.png"),
                              [&](const std::string& tmp) -> std::optional<std::string> {
                                seen = tmp;
                                return std::nullopt;
                              }),
            std::nullopt);
  const std::string prefix = dir.file(".out.png." + std::to_string(::getpid()) + ".");
  EXPECT_EQ(seen.rfind(prefix, 0), 0u) << seen;
  EXPECT_TRUE(seen.ends_with(".tmp")) << seen;
}

TEST(AtomicFile, CheckWritableLeavesNothingAndNamesTheCause) {
  TempDir dir;
  EXPECT_EQ(check_writable(dir.file("m.safetensors")), std::nullopt);
  EXPECT_EQ(dir.listing(), "");
  EXPECT_EQ(check_writable(dir.file("no/such/m.safetensors")),
            dir.file("no/such/m.safetensors") + ": cannot write: there is no directory '" +
                dir.file("no/such") + "'");
  // /proc exists but makes no files; the system's "No such file or directory" alone would
  // send the user looking for a directory that is there.
  EXPECT_EQ(check_writable("/proc/x.png"),
            "/proc/x.png: cannot write: the directory '/proc' does not take new files (No such "
            "file or directory)");
}

TEST(AtomicFile, RefusesToReplaceWhatIsNotARegularFile) {
  TempDir dir;
  std::filesystem::create_directory(dir.file("taken"));
  ASSERT_EQ(::mkfifo(dir.file("fifo").c_str(), 0600), 0);
  EXPECT_EQ(write_file_atomic(dir.file("taken"), "x"),
            quoted(dir.file("taken")) + " is a directory");
  EXPECT_EQ(check_writable(dir.file("fifo")), quoted(dir.file("fifo")) + " is not a regular file");
  EXPECT_EQ(dir.listing(), "fifo taken");
}

TEST(AtomicFile, APathInAMessageStaysOneLine) {
  TempDir dir;
  EXPECT_EQ(write_file_atomic(dir.file("no\nsuch/f.csv"), "x"),
            dir.file("no\\nsuch/f.csv") + ": cannot write: there is no directory '" +
                dir.file("no\\nsuch") + "'");
}

// Runs `write` in a child process that a signal ends in the middle of a write; returns the
// child's wait status.
int status_of_child(const std::function<void()>& write) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    write();
    ::_exit(0);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return status;
}

class AtomicFileSignal : public ::testing::TestWithParam<int> {};

TEST_P(AtomicFileSignal, RemovesTheTemporaryFileAndDiesOfTheSignal) {
  const int sig = GetParam();
  TempDir dir;
  test::write_text(dir.file("out.csv"), "old");
  const int status = status_of_child([&] {
    write_path_atomic(dir.file("out.csv"), [&](const std::string& tmp) {
      test::write_text(tmp, "half of it");
      ::kill(::getpid(), sig);
      return std::optional<std::string>();
    });
  });
  ASSERT_TRUE(WIFSIGNALED(status)) << status;
  EXPECT_EQ(WTERMSIG(status), sig);
  EXPECT_EQ(dir.listing(), "out.csv");
  EXPECT_EQ(read_file(dir.file("out.csv")), "old");
}

std::string signal_name(const ::testing::TestParamInfo<int>& info) {
  return info.param == SIGINT ? "Sigint" : info.param == SIGTERM ? "Sigterm" : "Sighup";
}

INSTANTIATE_TEST_SUITE_P(Signals, AtomicFileSignal, ::testing::Values(SIGINT, SIGTERM, SIGHUP),
                         signal_name);

TEST(AtomicFile, AnIgnoredSignalStaysIgnored) {
  TempDir dir;
  const int status = status_of_child([&] {
    std::signal(SIGTERM, SIG_IGN);
    const auto error = write_path_atomic(dir.file("out.csv"), [&](const std::string& tmp) {
      test::write_text(tmp, "all of it");
      ::kill(::getpid(), SIGTERM);
      return std::optional<std::string>();
    });
    ::_exit(error ? 1 : 0);
  });
  ASSERT_TRUE(WIFEXITED(status)) << status;
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_EQ(read_file(dir.file("out.csv")), "all of it");
}

TEST(AtomicFile, EveryWriteAtOnceIsCovered) {
  // kMaxLiveTemporaries nested writes are all removed by the signal.
  TempDir dir;
  const int status = status_of_child([&] {
    std::function<void(int)> nest = [&](int depth) {
      if (depth == kMaxLiveTemporaries) {
        ::kill(::getpid(), SIGTERM);
        return;
      }
      write_path_atomic(dir.file(std::to_string(depth) + ".csv"), [&](const std::string&) {
        nest(depth + 1);
        return std::optional<std::string>();
      });
    };
    nest(0);
  });
  ASSERT_TRUE(WIFSIGNALED(status)) << status;
  EXPECT_EQ(dir.listing(), "");
}

}  // namespace
}  // namespace al
