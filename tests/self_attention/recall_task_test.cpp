// The associative-recall task: generated sequences follow its rules, typed ones are read or
// refused with one line naming sa.input.
#include "engine/self_attention/recall_task.hpp"

#include <gtest/gtest.h>

#include <set>

namespace al::sa {
namespace {

TEST(RecallTask, GeneratedSequencesPairDistinctKeysWithValues) {
  const TaskConfig c{4, 6, 3};
  const Vocab vocab(c);
  Rng rng(3);
  std::set<int> answers_seen;
  for (int n = 0; n < 200; ++n) {
    const Example e = random_example(c, rng);
    ASSERT_EQ(e.tokens.size(), 10u);
    std::set<int> keys;
    int expected = -1;
    for (std::size_t i = 0; i < 8; i += 2) {
      EXPECT_TRUE(vocab.is_key(e.tokens[i]));
      EXPECT_TRUE(vocab.is_value(e.tokens[i + 1]));
      keys.insert(e.tokens[i]);
      if (e.tokens[i] == e.tokens[9]) expected = e.tokens[i + 1];
    }
    EXPECT_EQ(keys.size(), 4u);
    EXPECT_EQ(e.tokens[8], vocab.question());
    EXPECT_EQ(e.answer, expected);
    answers_seen.insert(e.answer);
  }
  EXPECT_EQ(answers_seen.size(), 3u);
  // The same seed, the same sequences.
  Rng a(11), b(11);
  EXPECT_EQ(random_example(c, a).tokens, random_example(c, b).tokens);
}

TEST(RecallTask, ReadsATypedExample) {
  const TaskConfig c{3, 8, 8};
  const Vocab vocab(c);
  const auto e = parse_example("a 1  b 2 c 3 ? b", c);
  ASSERT_TRUE(e) << e.error();
  EXPECT_EQ(e.value().answer, vocab.value(2));
  EXPECT_EQ(example_text(e.value(), vocab), "a 1 b 2 c 3 ? b");
  // More pairs than training used: the network has no positions, so it can still answer.
  EXPECT_TRUE(parse_example("a 1 b 2 c 3 d 4 e 5 f 6 ? f", c));
}

TEST(RecallTask, RefusesBadInputNamingTheKey) {
  const TaskConfig c{3, 4, 4};
  const auto error = [&](const char* text) {
    const auto e = parse_example(text, c);
    EXPECT_FALSE(e) << text;
    return e ? std::string() : e.error();
  };
  EXPECT_EQ(error("a 1 x 2 ? a"),
            "sa.input: 'x' is not a token of the task (keys a to d, values 0 to 3, and '?')");
  EXPECT_EQ(error("a 9 ? a"),
            "sa.input: '9' is not a token of the task (keys a to d, values 0 to 3, and '?')");
  EXPECT_EQ(error("a 1 2 b ? a"), "sa.input: word 3 must be a key, not '2'");
  EXPECT_EQ(error("a 1 b c ? a"), "sa.input: word 4 must be a value, not 'c'");
  EXPECT_EQ(error("a 1 a 2 ? a"),
            "sa.input: the key 'a' is used twice: which value would '?' ask for?");
  EXPECT_EQ(error("a 1 b 2 ? c"), "sa.input: the asked key 'c' is in no pair");
  EXPECT_EQ(error("a 1 b 2 ? 1"), "sa.input: the last word must be a key, not '1'");
  EXPECT_EQ(error("a 1 b 2 c"),
            "sa.input: expected key-value pairs, then '?' and a key, e.g. 'a 1 b 2 ? a'");
  EXPECT_EQ(error("  "), "sa.input: type key-value pairs, '?' and a key, e.g. 'a 1 b 2 ? a'");
  EXPECT_EQ(error("<s> 1 ? a").substr(0, 15), "sa.input: '<s>'");
}

TEST(RecallTask, MorePairsThanKeysIsRefused) {
  EXPECT_EQ(validate(TaskConfig{5, 4, 3}).value_or(""),
            "sa.pairs: 5 pairs need as many distinct keys, but sa.keys is 4");
  EXPECT_FALSE(validate(TaskConfig{4, 4, 3}));
}

}  // namespace
}  // namespace al::sa
