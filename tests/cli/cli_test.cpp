// The real attention-lab binary, run in a fresh directory per test: exit codes, the one-line
// errors on stderr, the files written (or not), --list and reproducible output.
#include <gtest/gtest.h>

#include <cstdint>

#include "engine/isa/isa.hpp"
#include "engine/settings.hpp"
#include "run_binary.hpp"

// Inside al::test: the helpers of run_binary.hpp need no qualification.
namespace al::test {
namespace {

TEST(Cli, RegressionCsv) {
  TempDir dir;
  const Outcome r = run(dir, {"figure", "regression", "--out", "r.csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  const std::string csv = read_file(dir.file("r.csv"));
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "x,truth,average,nadaraya_watson,parametric");
  EXPECT_EQ(lines(csv), 51);
  EXPECT_EQ(dir.listing(), "r.csv");
}

TEST(Cli, AttentionPdfAndSvg) {
  TempDir dir;
  ASSERT_EQ(run(dir, {"figure", "attention", "--out", "a.pdf"}).code, 0);
  EXPECT_EQ(read_file(dir.file("a.pdf")).rfind("%PDF-", 0), 0u);
  ASSERT_EQ(run(dir, {"figure", "kernels", "--out=k.svg", "--set=kernel=laplace"}).code, 0);
  EXPECT_NE(read_file(dir.file("k.svg")).find("<svg"), std::string::npos);
}

TEST(Cli, PngScaleTwoIsTwiceTheSize) {
  TempDir dir;
  ASSERT_EQ(run(dir, {"figure", "loss", "--out", "one.png"}).code, 0);
  ASSERT_EQ(run(dir, {"figure", "loss", "--out", "two.png", "--scale", "2"}).code, 0);
  const auto size = [](const std::string& png) {
    const auto be32 = [&](std::size_t at) {
      std::uint32_t v = 0;
      for (std::size_t i = 0; i < 4; ++i) v = v << 8 | static_cast<unsigned char>(png[at + i]);
      return v;
    };
    return std::pair{be32(16), be32(20)};
  };
  EXPECT_EQ(size(read_file(dir.file("one.png"))),
            (std::pair<std::uint32_t, std::uint32_t>{720, 320}));
  EXPECT_EQ(size(read_file(dir.file("two.png"))),
            (std::pair<std::uint32_t, std::uint32_t>{1440, 640}));
}

TEST(Cli, SameSettingsGiveIdenticalFiles) {
  TempDir dir;
  const std::vector<std::string> set = {"--set",        "data.seed=7", "--set",
                                        "kernel.w=2.5", "--set",       "train.epochs=3"};
  for (const char* out : {"a.csv", "b.csv", "a.png", "b.png"}) {
    std::vector<std::string> args = {"figure", "regression", "--out", out};
    args.insert(args.end(), set.begin(), set.end());
    ASSERT_EQ(run(dir, args).code, 0);
  }
  EXPECT_EQ(read_file(dir.file("a.csv")), read_file(dir.file("b.csv")));
  EXPECT_EQ(read_file(dir.file("a.png")), read_file(dir.file("b.png")));
  // and the settings did apply: another seed gives other numbers
  ASSERT_EQ(run(dir, {"figure", "regression", "--out", "c.csv"}).code, 0);
  EXPECT_NE(read_file(dir.file("a.csv")), read_file(dir.file("c.csv")));
}

TEST(Cli, BadValueNamesTheKeyAndWritesNothing) {
  TempDir dir;
  const Outcome r = run(dir, {"figure", "regression", "--out", "r.csv", "--set", "kernel.w=abc"});
  expect_bad_input(r, "kernel.w", dir);
  EXPECT_EQ(r.err, "attention-lab: kernel.w: 'abc' is not a finite number\n");
}

TEST(Cli, UnknownFigureKeyOptionAndExtension) {
  TempDir dir;
  expect_bad_input(
      run(dir, {"figure", "heatmap", "--out", "h.png"}),
      "unknown figure 'heatmap' (known: regression, attention, kernels, loss, points, ", dir);
  expect_bad_input(run(dir, {"figure", "regression", "--out", "r.csv", "--set", "kernel.width=2"}),
                   "unknown settings key 'kernel.width'", dir);
  expect_bad_input(run(dir, {"figure", "regression", "--out", "r.csv", "--colour", "red"}),
                   "'--colour'", dir);
  expect_bad_input(run(dir, {"figure", "regression", "--out", "r.jpg"}),
                   "r.jpg: unknown file type '.jpg'", dir);
  expect_bad_input(run(dir, {"--frobnicate"}), "'--frobnicate'", dir);
}

TEST(Cli, MissingPiecesAreUsageErrors) {
  TempDir dir;
  expect_bad_input(run(dir, {"figure", "regression"}), "missing --out", dir);
  expect_bad_input(run(dir, {"figure", "--out", "r.csv"}), "missing figure NAME", dir);
  expect_bad_input(run(dir, {"figure", "regression", "--out"}), "--out needs a value", dir);
  expect_bad_input(run(dir, {"figure", "regression", "--out", "r.csv", "--set"}),
                   "--set needs a value", dir);
  expect_bad_input(run(dir, {"figure", "regression", "--out", "r.csv", "--set", "kernel.w"}),
                   "--set expects KEY=VALUE, got 'kernel.w'", dir);
  expect_bad_input(run(dir, {"figure", "regression", "--out", "r.png", "--scale", "5"}),
                   "--scale: '5' is out of range (1 to 4)", dir);
  expect_bad_input(run(dir, {"--size", "100x100"}), "--size: '100x100'", dir);
  expect_bad_input(run(dir, {"--size", "1600x"}), "--size: '1600x'", dir);
  expect_bad_input(run(dir, {"--screenshot", "shot.jpg"}), "'shot.jpg' is not a .png file", dir);
}

TEST(Cli, QueryOutOfRange) {
  TempDir dir;
  const Outcome r = run(dir, {"figure", "regression", "--out", "r.png", "--set", "view.query=60"});
  expect_bad_input(r, "view.query", dir);
  EXPECT_EQ(r.err, "attention-lab: view.query: 60 is out of range (50 queries)\n");
  ASSERT_EQ(run(dir, {"figure", "attention", "--out", "a.png", "--set", "view.query=49"}).code, 0);
}

TEST(Cli, MalformedDataCsvNamesFileAndLine) {
  TempDir dir;
  write_text(dir.file("bad.csv"), "x,y\n0.5,1.0\n0.7,abc\n");
  const Outcome r = run(dir, {"figure", "points", "--out", "p.csv", "--set", "data.csv=bad.csv"});
  expect_bad_input(r, "attention-lab: bad.csv:3: ", dir, "bad.csv");

  write_text(dir.file("good.csv"), "x,y\n0.5,1.0\n0.25,-2\n");
  ASSERT_EQ(run(dir, {"figure", "points", "--out", "p.csv", "--set", "data.csv=good.csv"}).code, 0);
  EXPECT_EQ(read_file(dir.file("p.csv")), "x,y\n0.25,-2\n0.5,1\n");  // sorted by x
}

// A figure of another lab reads its settings only: the kernel regression, and so its data file,
// is not built for it, while the key itself is still checked.
TEST(Cli, FiguresOfOtherLabsBuildNoKernelRegression) {
  TempDir dir;
  const Outcome pe = run(dir, {"figure", "positional-encoding", "--out", "pe.csv", "--set",
                               "data.csv=missing.csv", "--set", "pe.dim=4"});
  ASSERT_EQ(pe.code, 0) << pe.err;
  EXPECT_EQ(read_file(dir.file("pe.csv")).substr(0, 9), "position,");
  expect_bad_input(
      run(dir, {"figure", "points", "--out", "p.csv", "--set", "data.csv=missing.csv"}),
      "missing.csv", dir, "pe.csv");
  expect_bad_input(
      run(dir, {"figure", "positional-encoding", "--out", "p.csv", "--set", "pe.dim=3"}),
      "attention-lab: pe.dim: '3' is odd", dir, "pe.csv");
}

TEST(Cli, SessionFile) {
  TempDir dir;
  write_text(dir.file("s.json"),
             R"({"format": "attention-lab-session", "version": 1,
                       "settings": {"kernel.w": "2", "data.seed": "3"}})");
  ASSERT_EQ(
      run(dir, {"figure", "regression", "--out", "from_session.csv", "--session", "s.json"}).code,
      0);
  ASSERT_EQ(run(dir, {"figure", "regression", "--out", "from_set.csv", "--set", "kernel.w=2",
                      "--set", "data.seed=3"})
                .code,
            0);
  EXPECT_EQ(read_file(dir.file("from_session.csv")), read_file(dir.file("from_set.csv")));
  // --set applies on top of the session.
  ASSERT_EQ(run(dir, {"figure", "regression", "--out", "over.csv", "--session", "s.json", "--set",
                      "kernel.w=1"})
                .code,
            0);
  EXPECT_NE(read_file(dir.file("over.csv")), read_file(dir.file("from_set.csv")));

  const Outcome missing =
      run(dir, {"figure", "regression", "--out", "m.csv", "--session", "no.json"});
  EXPECT_EQ(missing.code, 2);
  EXPECT_EQ(lines(missing.err), 1);
  EXPECT_NE(missing.err.find("no.json"), std::string::npos);
}

TEST(Cli, ListNamesEveryFigureAndKey) {
  TempDir dir;
  const Outcome r = run(dir, {"figure", "--list"});
  ASSERT_EQ(r.code, 0);
  for (const char* figure : {"regression", "attention", "kernels", "loss", "points"})
    EXPECT_NE(r.out.find(std::string("  ") + figure + "  "), std::string::npos) << figure;
  for (const SettingInfo& s : setting_registry()) {
    EXPECT_NE(r.out.find("  " + s.key + " "), std::string::npos) << s.key;
    EXPECT_NE(r.out.find(s.range), std::string::npos) << s.key;
  }
  EXPECT_NE(r.out.find("default 1;"), std::string::npos);  // kernel.w
}

TEST(Cli, HelpAndVersion) {
  TempDir dir;
  const Outcome help = run(dir, {"--help"});
  EXPECT_EQ(help.code, 0);
  EXPECT_NE(help.out.find("attention-lab figure NAME --out FILE"), std::string::npos);
  const Outcome version = run(dir, {"--version"});
  EXPECT_EQ(version.code, 0);
  EXPECT_EQ(version.out.rfind("attention-lab ", 0), 0u);
}

// AL_MAX_ISA as the child process sees it (set in this process around the run).
Outcome run_with_max_isa(const TempDir& dir, const char* value,
                         const std::vector<std::string>& args) {
  ::setenv("AL_MAX_ISA", value, 1);
  Outcome r = run(dir, args);
  ::unsetenv("AL_MAX_ISA");
  return r;
}

TEST(Cli, VersionNamesTheKernelsAndAlMaxIsaCapsThem) {
  TempDir dir;
  EXPECT_EQ(run_with_max_isa(dir, "baseline", {"--version"}).out,
            "attention-lab 0.1 (baseline kernels)\n");
  // Capped at AVX2: AVX2 on a CPU that has it, never wider.
  const std::string avx2 = run_with_max_isa(dir, "avx2", {"--version"}).out;
  EXPECT_TRUE(avx2 == "attention-lab 0.1 (avx2 kernels)\n" ||
              avx2 == "attention-lab 0.1 (baseline kernels)\n")
      << avx2;
  EXPECT_EQ(run(dir, {"--version"}).out,
            std::string("attention-lab 0.1 (") + isa_name(cpu_isa()) + " kernels)\n");
  // A value that names no instruction set: one line naming the variable, status 2, nothing run.
  const Outcome bad = run_with_max_isa(dir, "avx3", {"figure", "--list"});
  EXPECT_EQ(bad.code, 2);
  EXPECT_EQ(bad.out, "");
  EXPECT_EQ(bad.err, "attention-lab: AL_MAX_ISA: 'avx3' is not one of baseline|avx2|avx512\n");
}

}  // namespace
}  // namespace al::test
