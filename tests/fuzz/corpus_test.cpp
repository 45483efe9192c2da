// Replays every committed fuzz input through the fuzz targets' own entry points (targets.hpp):
// seeds/TARGET (hand-written, named for what they test), corpus/TARGET (what the fuzzers kept,
// minimized) and findings/TARGET (inputs that once failed). So what the fuzzers explored stays
// checked by `make test`: in the Release build, and the engine targets again under ASan + UBSan.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "targets.hpp"

namespace al::fuzz {
namespace {

void replay(const std::string& target, Problem (*entry)(Bytes)) {
  int inputs = 0;
  for (const char* kind : {"seeds", "corpus", "findings"}) {
    const std::filesystem::path dir = std::filesystem::path(AL_FUZZ_DIR) / kind / target;
    if (!std::filesystem::is_directory(dir)) continue;
    for (const auto& file : std::filesystem::directory_iterator(dir)) {
      std::ifstream in(file.path(), std::ios::binary);
      const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
      if (const auto problem =
              entry({reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()}))
        ADD_FAILURE() << file.path().string() << ": " << *problem;
      ++inputs;
    }
  }
  EXPECT_GT(inputs, 0) << "no corpus for " << target;
}

TEST(FuzzCorpus, PointsCsv) {
  replay("points_csv", points_csv);
}

TEST(FuzzCorpus, ModelFile) {
  replay("model_file", model_file);
}

TEST(FuzzCorpus, Lesson) {
  replay("lesson", lesson);
}

// Sessions need the app's libraries, which the engine-only (sanitizer) build leaves out.
#ifdef AL_FUZZ_SESSION
TEST(FuzzCorpus, Session) {
  replay("session", session);
}
#endif

}  // namespace
}  // namespace al::fuzz
