// Input meant to crash, hang or flood, through the real binary: FIFOs, devices and directories
// where files are read; control characters and megabytes where text is quoted; file names at
// the length limit; stdout that cannot be written; sessions with repeated or unknown fields.
// Every case ends quickly with one line on stderr, exit code 2 and no file written.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>

#include "run_binary.hpp"

// Inside al::test: the helpers of run_binary.hpp need no qualification.
namespace al::test {
namespace {

using std::chrono::seconds;

// A hang is killed after 20 s; a refusal must come well within a second or two.
constexpr RunLimits kQuick{seconds(20), ""};

void expect_quick(const Outcome& r) {
  EXPECT_FALSE(r.timed_out) << "killed after hanging";
  EXPECT_LT(r.took, seconds(2));
}

TEST(HostileInput, AFifoIsNeverWaitedFor) {
  TempDir dir;
  ASSERT_EQ(::mkfifo(dir.file("fifo").c_str(), 0600), 0);
  const std::vector<std::vector<std::string>> commands = {
      {"figure", "regression", "--out", "r.csv", "--set", "data.csv=fifo"},
      {"figure", "regression", "--out", "r.csv", "--session", "fifo"},
      {"figure", "transformer-attention", "--out", "a.csv", "--set", "model.path=fifo"},
  };
  for (const auto& args : commands) {
    const Outcome r = run(dir, args, kQuick);
    expect_quick(r);
    expect_bad_input(r, "'fifo' is not a regular file", dir, "fifo");
  }
}

TEST(HostileInput, ADeviceIsNotReadAsAModel) {
  TempDir dir;
  const Outcome r = run(
      dir, {"figure", "transformer-attention", "--out", "a.csv", "--set", "model.path=/dev/zero"},
      kQuick);
  expect_quick(r);
  expect_bad_input(r, "'/dev/zero' is not a regular file", dir);
}

TEST(HostileInput, ADirectoryIsNotASession) {
  TempDir dir;
  std::filesystem::create_directory(dir.file("sessions"));
  const Outcome r = run(dir, {"figure", "points", "--out", "p.csv", "--session", "sessions"});
  expect_bad_input(r, "'sessions' is a directory", dir, "sessions");
}

TEST(HostileInput, OutputNamesUpToTheFileNameLimitWork) {
  TempDir dir;
  for (const char* ext : {".csv", ".png"}) {
    const std::string name = std::string(250 - 4, 'n') + ext;
    const Outcome r = run(dir, {"figure", "points", "--out", name});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(dir.listing(), name);  // and no temporary file beside it
    std::filesystem::remove(dir.file(name));
  }
  const std::string model = std::string(255 - 12, 'm') + ".safetensors";
  const Outcome r = run(dir, {"train", "copy", "--set", "tf.steps=1", "--out", model});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(dir.listing(), model);
}

TEST(HostileInput, TrainRefusesAnUnwritableOutputBeforeTraining) {
  TempDir dir;
  std::filesystem::create_directory(dir.file("d.safetensors"));
  // A million steps would take minutes: the refusal comes first.
  Outcome r =
      run(dir, {"train", "copy", "--set", "tf.steps=1000000", "--out", "d.safetensors"}, kQuick);
  expect_quick(r);
  expect_bad_input(r, "'d.safetensors' is a directory", dir, "d.safetensors");
  r = run(dir, {"train", "copy", "--set", "tf.steps=1000000", "--out", "/proc/m.safetensors"},
          kQuick);
  expect_quick(r);
  expect_bad_input(r,
                   "/proc/m.safetensors: cannot write: the directory '/proc' does not take new "
                   "files (No such file or directory)",
                   dir, "d.safetensors");
}

TEST(HostileInput, ExportsNameTheRealCause) {
  TempDir dir;
  expect_bad_input(run(dir, {"figure", "points", "--out", "/proc/x.png"}),
                   "/proc/x.png: cannot write: the directory '/proc' does not take new files", dir);
  expect_bad_input(run(dir, {"figure", "points", "--out", "no/such/x.png"}),
                   "no/such/x.png: cannot write: there is no directory 'no/such'", dir);
}

TEST(HostileInput, StdoutThatCannotBeWrittenIsAnError) {
  TempDir dir;
  const RunLimits full{seconds(60), "/dev/full"};
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"figure", "--list"}, {"--help"}, {"--version"}}) {
    const Outcome r = run(dir, args, full);
    EXPECT_EQ(r.code, 2) << args[0];
    EXPECT_EQ(r.err, "attention-lab: cannot write to standard output: No space left on device\n");
  }
}

TEST(HostileInput, ControlCharactersAreEscapedInOneLine) {
  TempDir dir;
  const auto bad = [&](std::vector<std::string> args, const std::string& line) {
    std::vector<std::string> all = {"figure", "regression", "--out", "r.csv"};
    all.insert(all.end(), args.begin(), args.end());
    const Outcome r = run(dir, all);
    expect_bad_input(r, "", dir);
    EXPECT_EQ(r.err, "attention-lab: " + line + "\n");
  };
  bad({"--set", "kernel.w=1\n2"}, "kernel.w: '1\\n2' is not a finite number");
  bad({"--set", "kernel\nw=1"},
      "unknown settings key 'kernel\\nw' (see `attention-lab figure --list`)");
  bad({"--set", "data.csv=a\nb.csv"}, "a\\nb.csv: cannot open: No such file or directory");
  bad({"--session", "s\r\n.json"}, "s\\r\\n.json: cannot open: No such file or directory");
  bad({"--set", "kernel=\x1b[31mred"},
      "kernel: '\\x1B[31mred' is not one of "
      "gaussian|boxcar|constant|epanechnikov|triangular|laplace");
  bad({"--scale", "2\n"}, "--scale: '2\\n' is not a number (1 to 4)");
  expect_bad_input(run(dir, {"figure", "points", "--out", "new\nline/p.csv"}),
                   "new\\nline/p.csv: cannot write: there is no directory 'new\\nline'", dir);
  expect_bad_input(run(dir, {"figure", "re\ngression", "--out", "r.csv"}),
                   "unknown figure 're\\ngression'", dir);
  expect_bad_input(run(dir, {"train", "co\npy", "--out", "m.safetensors"}),
                   "train: unknown task 'co\\npy'", dir);
  expect_bad_input(run(dir, {"--bad\noption"}), "unknown option '--bad\\noption'", dir);
}

TEST(HostileInput, HugeValuesAreShortened) {
  TempDir dir;
  // 100 kB: near the most one argument may hold (128 kB).
  const std::string digits(100000, '7');
  Outcome r = run(dir, {"figure", "points", "--out", "p.csv", "--set", "data.seed=" + digits});
  expect_bad_input(r, "data.seed: '7777", dir);
  EXPECT_LT(r.err.size(), 200u) << r.err.size();
  EXPECT_NE(r.err.find("' (100000 bytes) is not a whole number"), std::string::npos) << r.err;

  // 10 MB, through a session and a CSV.
  const std::string huge(10 << 20, '1');
  write_text(
      dir.file("s.json"),
      R"({"format":"attention-lab-session","version":1,"settings":{"data.seed":")" + huge + "\"}}");
  write_text(dir.file("p.csv"), "x,y\n1," + huge + "x\n");
  const std::string files = "p.csv s.json";
  r = run(dir, {"figure", "points", "--out", "out.csv", "--session", "s.json"});
  expect_bad_input(r, "s.json: data.seed: '1111", dir, files);
  EXPECT_LT(r.err.size(), 200u) << r.err.size();
  r = run(dir, {"figure", "points", "--out", "out.csv", "--set", "data.csv=p.csv"});
  expect_bad_input(r, "p.csv:2: y '1111", dir, files);
  EXPECT_LT(r.err.size(), 200u) << r.err.size();
}

TEST(HostileInput, SessionsAreStrict) {
  TempDir dir;
  const auto session = [&](const std::string& body) {
    write_text(dir.file("s.json"),
               R"({"format":"attention-lab-session","version":1,)" + body + "}");
    return run(dir, {"figure", "points", "--out", "p.csv", "--session", "s.json"});
  };
  expect_bad_input(
      session(R"("settings":{"kernel.w":"2","kernel.w":"3"})"),
      "s.json: invalid JSON at line 1, column 83: duplicate key 'kernel.w' in 'settings'", dir,
      "s.json");
  expect_bad_input(session(R"("points":{"x":[1],"y":[2],"w":[1]})"),
                   "s.json: unknown field 'points.w'", dir, "s.json");
  // The window opens the same sessions through the same reader; the command line says so.
  expect_bad_input(session(R"("settings":{"view.query":"999999"})"),
                   "s.json: view.query: 999999 is out of range (50 queries)", dir, "s.json");
  ASSERT_EQ(session(R"("settings":{"view.query":"49"},"points":{"x":[1],"y":[2]})").code, 0);
}

// The window checks its start-up settings as the figure command does, before opening a window
// (so this runs without a display).
TEST(HostileInput, TheWindowRefusesASelectionThatNamesNoQuery) {
  TempDir dir;
  expect_bad_input(run(dir, {"--screenshot", "w.png", "--set", "view.query=999999"}),
                   "view.query: 999999 is out of range (50 queries)", dir);
  expect_bad_input(run(dir, {"--screenshot", "w\nx.txt"}), "'w\\nx.txt' is not a .png file", dir);
}

}  // namespace
}  // namespace al::test
