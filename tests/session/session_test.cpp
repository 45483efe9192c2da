// Session files: round trip of every setting and of edited points, and hostile input (each
// rejected with one line naming the file and the problem).
#include "app/session/session.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <ostream>
#include <string>

namespace al {
namespace {

std::string temp_dir() {
  auto dir = std::filesystem::temp_directory_path() /
             ("al-session-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
              "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

// 'path', as messages quote it (built by appending: GCC 12 gives a false -Wrestrict on
// "'" + path).
std::string quoted(const std::string& path) {
  return std::string(1, '\'').append(path).append(1, '\'');
}

TEST(Session, RoundTripsEverySetting) {
  Lab lab;
  ASSERT_FALSE(lab.set("kernel", "epanechnikov"));
  ASSERT_FALSE(lab.set("kernel.w", "2.5"));
  ASSERT_FALSE(lab.set("data.seed", "42"));
  ASSERT_FALSE(lab.set("view.colormap", "cividis"));
  ASSERT_FALSE(lab.set("train.w0", "0.25"));
  auto back = session::from_json(session::to_json(lab), "s.json");
  ASSERT_TRUE(back) << back.error();
  EXPECT_EQ(back.value().settings(), lab.settings());
  EXPECT_EQ(back.value().data().x, lab.data().x);
  EXPECT_EQ(back.value().trainer().w(), lab.trainer().w());
}

TEST(Session, SavesEditedPointsAndRestoresThem) {
  Lab lab;
  lab.add_point(2.25, 4.0);
  lab.delete_point(0);
  const auto x = lab.data().x;
  const auto y = lab.data().y;
  auto back = session::from_json(session::to_json(lab), "s.json");
  ASSERT_TRUE(back) << back.error();
  EXPECT_EQ(back.value().data().x, x);
  EXPECT_EQ(back.value().data().y, y);
  EXPECT_EQ(back.value().data().source, "edited");
}

// Each view's pan/zoom by name: only zoomed views are written, null panels keep theirs.
TEST(Session, RoundTripsTheViewsZoom) {
  Lab lab;
  const session::ViewLimits views = {
      {"regression", {std::array<double, 4>{0.5, 2.25, -1, 4}}},
      {"transformer-attention", {std::nullopt, std::array<double, 4>{1.5, 3.5, -0.5, 2.5}}},
      {"loss", {std::nullopt}}};
  const std::string text = session::to_json(lab, {views, {}});
  EXPECT_EQ(text.find("\"loss\""), std::string::npos) << "a view at its own limits is not saved";
  session::WindowViews back;
  auto read = session::from_json(text, "s.json", &back);
  ASSERT_TRUE(read) << read.error();
  session::ViewLimits expected = views;
  expected.erase("loss");
  EXPECT_EQ(back.limits, expected);
  // A session without views reads as none.
  ASSERT_TRUE(session::from_json(session::to_json(lab), "s.json", &back));
  EXPECT_TRUE(back.limits.empty());
  EXPECT_TRUE(back.comparisons.empty());
}

// Each A/B comparison by its view's name: the settings of A (and of a pinned B) where they
// differ from the session's; each is checked as the session is read, and an error names it.
TEST(Session, RoundTripsComparisonsAndNamesABadOne) {
  Lab lab;
  const session::Comparisons comparisons = {
      {"attention", {{{"kernel.w", "0.1"}}, std::nullopt}},
      {"regression", {{{"kernel.w", "5"}, {"kernel", "laplace"}}, {{{"kernel.w", "2"}}}}}};
  const std::string text = session::to_json(lab, {{}, comparisons});
  session::WindowViews back;
  auto read = session::from_json(text, "s.json", &back);
  ASSERT_TRUE(read) << read.error();
  // JSON objects come back in key order.
  session::Comparisons expected = comparisons;
  expected["regression"].a = {{"kernel", "laplace"}, {"kernel.w", "5"}};
  EXPECT_EQ(back.comparisons, expected);

  const auto bad = [](const std::string& field) {
    auto r = session::from_json(
        R"({"format":"attention-lab-session","version":1,"comparisons":)" + field + "}", "s.json");
    return r ? std::string("read") : r.error();
  };
  EXPECT_EQ(bad(R"({"attention":{"a":{"kernel.w":"0"}}})"),
            "s.json: comparisons.attention.a: kernel.w: '0' is out of range (0.001 to 1000)");
  EXPECT_EQ(
      bad(R"({"attention":{"a":{"kernel.width":"2"}}})"),
      "s.json: comparisons.attention.a: unknown settings key 'kernel.width' (see `attention-lab "
      "figure --list`)");
  EXPECT_EQ(bad(R"({"attention":{"b":{}}})"),
            "s.json: comparisons.attention: must be an object with \"a\" (and \"b\")");
  EXPECT_EQ(bad(R"({"attention":{"a":{},"c":{}}})"),
            "s.json: unknown field 'comparisons.attention.c'");
  EXPECT_EQ(bad(R"({"attention":{"a":{"kernel.w":[1]}}})"),
            "s.json: comparisons.attention.a.kernel.w: must be a string, number or boolean");
  EXPECT_EQ(bad("[]"), "s.json: \"comparisons\" must be an object");
}

TEST(Session, AcceptsNumbersAndBooleansAsValues) {
  auto lab = session::from_json(
      R"({"format":"attention-lab-session","version":1,
          "settings":{"kernel.w":3,"view.truth":false,"data.noise":0.25}})",
      "s.json");
  ASSERT_TRUE(lab) << lab.error();
  EXPECT_EQ(lab.value().settings().kernel_w, 3.0);
  EXPECT_FALSE(lab.value().settings().view_truth);
  EXPECT_EQ(lab.value().settings().data_noise, 0.25);
}

TEST(Session, FileSaveIsAtomicAndLoadable) {
  const std::string dir = temp_dir();
  const std::string path = dir + "/nested/s.json";
  Lab lab;
  ASSERT_FALSE(lab.set("kernel.w", "7"));
  ASSERT_FALSE(session::save(lab, path));
  for (const auto& entry : std::filesystem::directory_iterator(dir + "/nested"))
    EXPECT_EQ(entry.path().filename(), "s.json") << "temporary file left behind";
  auto back = session::load(path);
  ASSERT_TRUE(back) << back.error();
  EXPECT_EQ(back.value().settings().kernel_w, 7.0);
}

struct Hostile {
  const char* name;  // the case's name in test listings and CTest
  const char* text;
  const char* expected;  // part of the message
};

// gtest_discover_tests names each case in CTest after its printed value, which gtest shows as
// "16-byte object <...>" unless told how to print it. (A name generator is no help there: CTest
// would keep its name and append " # GetParam() = " and the value.)
void PrintTo(const Hostile& h, std::ostream* os) {
  *os << h.name;
}

class SessionRejects : public ::testing::TestWithParam<Hostile> {};

TEST_P(SessionRejects, WithOneLineNamingTheFile) {
  auto lab = session::from_json(GetParam().text, "bad.json");
  ASSERT_FALSE(lab);
  EXPECT_EQ(lab.error().rfind("bad.json: ", 0), 0u) << lab.error();
  EXPECT_NE(lab.error().find(GetParam().expected), std::string::npos) << lab.error();
  EXPECT_EQ(lab.error().find('\n'), std::string::npos) << lab.error();
}

INSTANTIATE_TEST_SUITE_P(
    Malformed, SessionRejects,
    ::testing::Values(
        Hostile{"Empty", "", "invalid JSON at line 1, column 1"},
        Hostile{"Truncated", "{\"format\":", "invalid JSON at line 1, column 11"},
        Hostile{"NotAnObject", "[1,2]", "must be a JSON object"},
        Hostile{"NoFormat", R"({"version":1})", "not an Attention Lab session"},
        Hostile{"FutureVersion", R"({"format":"attention-lab-session","version":99})",
                "unsupported session version"},
        Hostile{"UnknownField", R"({"format":"attention-lab-session","version":1,"extra":1})",
                "unknown field 'extra'"},
        Hostile{"SettingsNotAnObject",
                R"({"format":"attention-lab-session","version":1,"settings":[]})",
                "must be an object"},
        Hostile{"UnknownKey",
                R"({"format":"attention-lab-session","version":1,"settings":{"kernel.width":"1"}})",
                "unknown settings key 'kernel.width'"},
        Hostile{"OutOfRange",
                R"({"format":"attention-lab-session","version":1,"settings":{"kernel.w":"0"}})",
                "kernel.w: '0' is out of range"},
        Hostile{"ArrayValue",
                R"({"format":"attention-lab-session","version":1,"settings":{"kernel.w":[1]}})",
                "settings.kernel.w: must be a string, number or boolean"},
        Hostile{"PointsLengthsDiffer",
                R"({"format":"attention-lab-session","version":1,"points":{"x":[1],"y":[1,2]}})",
                "different lengths"},
        Hostile{
            "PointNotANumber",
            R"({"format":"attention-lab-session","version":1,"points":{"x":[1,"a"],"y":[1,2]}})",
            "points.x[1] is not a finite number"},
        Hostile{"NumberOverflow",
                R"({"format":"attention-lab-session","version":1,"points":{"x":[1e999],"y":[1]}})",
                "number overflow parsing '1e999'"},
        Hostile{"ViewsNotAnObject", R"({"format":"attention-lab-session","version":1,"views":[1]})",
                "\"views\" must be an object"},
        Hostile{"ViewLimitsShort",
                R"({"format":"attention-lab-session","version":1,"views":{"loss":[[1,2,3]]}})",
                "views.loss[0]: must be null or [x_min, x_max, y_min, y_max] with min < max"},
        Hostile{"ViewLimitsReversed",
                R"({"format":"attention-lab-session","version":1,"views":{"loss":[[2,1,0,1]]}})",
                "views.loss[0]: must be null"},
        Hostile{"ViewLimitNotANumber",
                R"({"format":"attention-lab-session","version":1,"views":{"loss":[[0,"a",0,1]]}})",
                "views.loss[0][1] is not a finite number"},
        Hostile{"ViewPanelsNotAnArray",
                R"({"format":"attention-lab-session","version":1,"views":{"loss":3}})",
                "views.loss: must be an array"},
        Hostile{"NoPoints",
                R"({"format":"attention-lab-session","version":1,"points":{"x":[],"y":[]}})",
                "\"points\" is empty"},
        Hostile{"MissingCsv", R"({"format":"attention-lab-session","version":1,
                    "settings":{"data.csv":"/nonexistent/file.csv"}})",
                "/nonexistent/file.csv"},
        Hostile{"DuplicateField", R"({"format":"attention-lab-session","version":1,"version":1})",
                "duplicate key 'version'"},
        Hostile{"DuplicateSetting", R"({"format":"attention-lab-session","version":1,
                    "settings":{"kernel.w":"2","kernel.w":"3"}})",
                "duplicate key 'kernel.w' in 'settings'"},
        Hostile{"DuplicatePoints", R"({"format":"attention-lab-session","version":1,
                    "points":{"x":[1],"y":[2],"x":[3]}})",
                "duplicate key 'x' in 'points'"},
        Hostile{"UnknownPointsField", R"({"format":"attention-lab-session","version":1,
                    "points":{"x":[1],"y":[2],"z":[3]}})",
                "unknown field 'points.z'"},
        Hostile{"QueryOutOfRange", R"({"format":"attention-lab-session","version":1,
                    "settings":{"view.query":"999999"}})",
                "view.query: 999999 is out of range (50 queries)"},
        Hostile{"NewlineInKey", R"({"format":"attention-lab-session","version":1,
                    "settings":{"kernel\nw":"1"}})",
                "unknown settings key 'kernel\\nw'"},
        Hostile{"NestedTooDeeply", R"({"format":"attention-lab-session","version":1,
                    "settings":{"a":[[[[[[[1]]]]]]]}})",
                "nested more than 8 levels deep"}));

TEST(Session, DeeplyNestedInputIsRejectedWithoutCrashing) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  auto lab = session::from_json(deep, "deep.json");
  ASSERT_FALSE(lab);
  EXPECT_NE(lab.error().find("deep.json"), std::string::npos);
}

TEST(Session, OnlyRegularFilesAreRead) {
  const std::string dir = temp_dir();
  auto lab = session::load(dir);
  ASSERT_FALSE(lab);
  EXPECT_EQ(lab.error(), quoted(dir) + " is a directory");
  const std::string fifo = dir + "/fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  lab = session::load(fifo);  // returns at once: a FIFO with no writer is not waited for
  ASSERT_FALSE(lab);
  EXPECT_EQ(lab.error(), quoted(fifo) + " is not a regular file");
}

TEST(Session, ASelectionTheQueriesShrankBelowIsSavedAsNone) {
  Lab lab;
  ASSERT_FALSE(lab.set("view.query", "40"));
  ASSERT_FALSE(lab.set("data.query_max", "2"));  // 20 queries: the window highlights nothing
  auto back = session::from_json(session::to_json(lab), "s.json");
  ASSERT_TRUE(back) << back.error();
  EXPECT_EQ(back.value().settings().view_query, -1);
  ASSERT_FALSE(lab.set("view.query", "19"));
  back = session::from_json(session::to_json(lab), "s.json");
  ASSERT_TRUE(back) << back.error();
  EXPECT_EQ(back.value().settings().view_query, 19);
}

TEST(Session, MissingFileIsAnError) {
  auto lab = session::load("/nonexistent/dir/s.json");
  ASSERT_FALSE(lab);
  EXPECT_NE(lab.error().find("/nonexistent/dir/s.json: cannot open"), std::string::npos);
}

TEST(Session, LastStatePathFollowsXdgStateHome) {
  ::setenv("XDG_STATE_HOME", "/tmp/al-xdg", 1);
  EXPECT_EQ(session::last_state_path(), "/tmp/al-xdg/attention-lab/last-session.json");
  ::unsetenv("XDG_STATE_HOME");
}

}  // namespace
}  // namespace al
