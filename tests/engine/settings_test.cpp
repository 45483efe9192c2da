// The settings registry: messages for bad keys and values, all-or-nothing application in
// registry order, and every key's text reading back to the same settings.
#include "engine/settings.hpp"

#include <gtest/gtest.h>

namespace al {
namespace {

TEST(Settings, UnknownKey) {
  Settings s;
  EXPECT_EQ(apply_setting(s, "kernel.width", "2").value_or(""),
            "unknown settings key 'kernel.width' (see `attention-lab figure --list`)");
  EXPECT_EQ(find_setting("kernel.width"), nullptr);
}

TEST(Settings, OutOfRangeAndBadNumbersLeaveTheSettingsUnchanged) {
  Settings s;
  // The upper bound prints as "1e+03" today; the header documents "(0.001 to 1000)".
  EXPECT_TRUE(apply_setting(s, "kernel.w", "0")
                  .value_or("")
                  .starts_with("kernel.w: '0' is out of range (0.001 to "));
  EXPECT_EQ(apply_setting(s, "kernel.w", "abc").value_or(""),
            "kernel.w: 'abc' is not a finite number");
  EXPECT_EQ(apply_setting(s, "kernel.w", "nan").value_or(""),
            "kernel.w: 'nan' is not a finite number");
  EXPECT_EQ(apply_setting(s, "kernel.w", "1 ").value_or(""),
            "kernel.w: '1 ' is not a finite number");
  EXPECT_EQ(apply_setting(s, "data.n_train", "2.5").value_or(""),
            "data.n_train: '2.5' is not a whole number");
  EXPECT_EQ(apply_setting(s, "data.n_train", "0").value_or(""),
            "data.n_train: '0' is out of range (1 to 100000)");
  EXPECT_EQ(
      apply_setting(s, "kernel", "cosine").value_or(""),
      "kernel: 'cosine' is not one of gaussian|boxcar|constant|epanechnikov|triangular|laplace");
  EXPECT_EQ(apply_setting(s, "view.truth", "yes").value_or(""),
            "view.truth: 'yes' is not true or false");
  EXPECT_EQ(s, Settings{});
}

TEST(Settings, ValuesAreParsed) {
  Settings s;
  EXPECT_FALSE(apply_setting(s, "kernel.w", "2.5"));
  EXPECT_FALSE(apply_setting(s, "kernel", "laplace"));
  EXPECT_FALSE(apply_setting(s, "train.w0", "-3"));
  EXPECT_FALSE(apply_setting(s, "view.points", "off"));
  EXPECT_EQ(s.kernel_w, 2.5);
  EXPECT_EQ(s.kernel, Kernel::Laplace);
  EXPECT_EQ(s.train_w0, -3.0);
  EXPECT_FALSE(s.view_points);
  EXPECT_FALSE(apply_setting(s, "train.w0", "random"));
  EXPECT_FALSE(s.train_w0.has_value());
}

TEST(Settings, ApplySettingsIsAllOrNothing) {
  Settings s;
  const auto err = apply_settings(s, {{"kernel.w", "2"}, {"data.n_train", "0"}});
  EXPECT_EQ(err.value_or(""), "data.n_train: '0' is out of range (1 to 100000)");
  EXPECT_EQ(s, Settings{});
  EXPECT_TRUE(apply_settings(s, {{"kernel.w", "2"}, {"no.such", "1"}}));
  EXPECT_EQ(s, Settings{});
}

TEST(Settings, PresetsApplyBeforeTheKeysTheySet) {
  Settings s;
  // Given in the "wrong" order, the explicit n_train still wins over the preset's 40.
  ASSERT_FALSE(apply_settings(s, {{"data.n_train", "7"}, {"data.preset", "d2l-v1"}}));
  EXPECT_EQ(s.data_n_train, 7);
  EXPECT_EQ(s.data_function, TargetFunction::D2lV1);
  EXPECT_EQ(s.data_noise, 1.0);
  // A repeated key: the last value wins.
  ASSERT_FALSE(apply_settings(s, {{"kernel.w", "2"}, {"kernel.w", "3"}}));
  EXPECT_EQ(s.kernel_w, 3.0);
}

TEST(Settings, EveryKeyReadsBackToTheSameSettings) {
  Settings changed;
  ASSERT_FALSE(apply_settings(changed, {{"data.preset", "d2l-v1"},
                                        {"data.seed", "9007199254740992"},
                                        {"data.noise", "0.1"},
                                        {"data.x_min", "-1.5"},
                                        {"data.query_step", "0.3"},
                                        {"data.csv", "a b.csv"},
                                        {"kernel", "triangular"},
                                        {"kernel.w", "0.123456789"},
                                        {"train.lr", "1e-3"},
                                        {"train.w0", "0.1"},
                                        {"attention.estimator", "parametric"},
                                        {"view.colormap", "magma"},
                                        {"view.query", "-1"},
                                        {"view.font_size", "13.5"}}));
  for (const Settings& s : {Settings{}, changed}) {
    Settings copy;
    for (const auto& info : setting_registry()) {
      ASSERT_FALSE(info.set(copy, info.get(s))) << info.key << " = " << info.get(s);
      EXPECT_EQ(info.get(copy), info.get(s)) << info.key;
    }
    EXPECT_EQ(copy, s);
  }
  EXPECT_EQ(changed.kernel_w, 0.123456789);
}

TEST(Settings, DefaultsAndHelpAreFilledIn) {
  for (const auto& info : setting_registry()) {
    EXPECT_FALSE(info.help.empty()) << info.key;
    EXPECT_FALSE(info.range.empty()) << info.key;
    EXPECT_EQ(find_setting(info.key), &info);
  }
  EXPECT_EQ(find_setting("kernel.w")->default_value, "1");
  EXPECT_EQ(find_setting("train.w0")->default_value, "random");
}

TEST(Settings, TransformerDropoutIsOffByDefaultAndBelowOne) {
  EXPECT_EQ(find_setting("tf.dropout")->default_value, "0");
  Settings s;
  EXPECT_FALSE(apply_setting(s, "tf.dropout", "0.1"));
  EXPECT_EQ(s.tf_dropout, 0.1);
  EXPECT_EQ(apply_setting(s, "tf.dropout", "1").value_or(""),
            "tf.dropout: '1' is out of range (0 to 0.9)");
  EXPECT_EQ(apply_setting(s, "tf.dropout", "-0.1").value_or(""),
            "tf.dropout: '-0.1' is out of range (0 to 0.9)");
  EXPECT_EQ(s.tf_dropout, 0.1);
}

TEST(Settings, SplitAssignment) {
  EXPECT_EQ(split_assignment("kernel.w=2"), (std::pair<std::string, std::string>{"kernel.w", "2"}));
  EXPECT_EQ(split_assignment("data.csv=a=b"),
            (std::pair<std::string, std::string>{"data.csv", "a=b"}));
  EXPECT_EQ(split_assignment("data.csv="), (std::pair<std::string, std::string>{"data.csv", ""}));
  EXPECT_FALSE(split_assignment("kernel.w"));
  EXPECT_FALSE(split_assignment("=2"));
}

TEST(Settings, Names) {
  EXPECT_EQ(name(Kernel::Triangular), "triangular");
  EXPECT_EQ(name(TargetFunction::D2lV1), "d2l-v1");
  EXPECT_EQ(name(Estimator::NadarayaWatson), "nadaraya-watson");
  EXPECT_EQ(name(Colormap::Cividis), "cividis");
  EXPECT_EQ(title(TargetFunction::D2lV2), "2 sin x + x^0.8");
}

}  // namespace
}  // namespace al

namespace al {
namespace {

// Text settings end up in session files (JSON, UTF-8): text that is not UTF-8 is refused with
// one line naming the key, so saving a session can never fail on it.
TEST(Settings, TextThatIsNotUtf8IsRefused) {
  for (const char* key : {"input.src", "input.tgt", "model.path", "data.csv"}) {
    Settings s;
    const auto err = apply_setting(s, key, "caf\xe9");
    ASSERT_TRUE(err.has_value()) << key;
    EXPECT_NE(err->find(std::string(key) + ": 'caf\\xE9' is not UTF-8 text"), std::string::npos)
        << *err;
    EXPECT_EQ(s, Settings());
  }
  Settings s;
  EXPECT_FALSE(apply_setting(s, "input.src", "café .").has_value());
}

}  // namespace
}  // namespace al
