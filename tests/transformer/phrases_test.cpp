// The English→French phrase set: the file format and its errors, the book's tokenisation and
// vocabulary, the built-in set (its four test sentences included), the phrase task's batches, and
// the old edition's small Transformer learning to translate the four sentences (optimised builds).
#include <gtest/gtest.h>

#include <chrono>
#include <set>

#include "engine/transformer/decode.hpp"
#include "engine/transformer/phrases.hpp"
#include "engine/transformer/tasks.hpp"
#include "engine/transformer/training.hpp"

namespace al::tf {
namespace {

using Words = std::vector<std::string>;

TEST(Phrases, ParsesPairsAndTokenisesThemAsTheBook) {
  auto pairs = parse_phrases("Go.\tVa !\n# a comment\n\nI lost.\tJ'ai perdu.\r\n", "p.txt");
  ASSERT_TRUE(pairs.ok()) << pairs.error();
  ASSERT_EQ(pairs.value().size(), 2u);
  EXPECT_EQ(pairs.value()[0].src, (Words{"go", "."}));
  EXPECT_EQ(pairs.value()[0].tgt, (Words{"va", "!"}));
  EXPECT_EQ(pairs.value()[1].src, (Words{"i", "lost", "."}));
  EXPECT_EQ(pairs.value()[1].tgt, (Words{"j'ai", "perdu", "."}));
}

TEST(Phrases, ErrorsNameTheFileAndLine) {
  const auto error = [](std::string_view text) {
    auto p = parse_phrases(text, "p.txt");
    return p.ok() ? std::string("(accepted)") : p.error();
  };
  EXPECT_EQ(error("go .\tva !\ngo\n"), "p.txt:2: expected English, one tab, French");
  EXPECT_EQ(error("a\tb\tc\n"), "p.txt:1: expected English, one tab, French");
  EXPECT_EQ(error("# c\n \tva !\n"), "p.txt:2: an empty sentence");
  EXPECT_EQ(error("# only a comment\n"), "p.txt: no sentence pairs");
}

TEST(Phrases, TokenizeReplacesNoBreakSpacesAndSplitsPunctuation) {
  EXPECT_EQ(tokenize("Va\xC2\xA0!"), (Words{"va", "!"}));        // U+00A0
  EXPECT_EQ(tokenize("Qui\xE2\x80\xAF?"), (Words{"qui", "?"}));  // U+202F
  EXPECT_EQ(tokenize("He's calm."), (Words{"he's", "calm", "."}));
  EXPECT_EQ(tokenize("Oui, \xC3\x89T\xC3\x89!"), (Words{"oui", ",", "\xC3\x89t\xC3\x89", "!"}));
}

TEST(Phrases, VocabularyKeepsFrequentTokensMostFrequentFirst) {
  // a ×3, b ×2, e ×2, c ×1, d ×1: with min_freq 2, c and d become <unk>; b and e tie.
  const Vocab v = build_vocab({{"a", "b", "a"}, {"e", "a", "b"}, {"d", "e", "c"}}, 2);
  EXPECT_EQ(v.tokens(), (Words{"<pad>", "<bos>", "<eos>", "<unk>", "a", "b", "e"}));
  EXPECT_EQ(v.id("c"), v.unk());
  EXPECT_EQ(build_vocab({{"x"}}, 1).tokens(), (Words{"<pad>", "<bos>", "<eos>", "<unk>", "x"}));
}

TEST(Phrases, BuiltInSetHoldsTheBooksTestSentences) {
  const PhraseSet& set = builtin_phrases();
  EXPECT_GE(set.pairs.size(), 300u);
  std::set<Words> english;
  for (const PhrasePair& p : set.pairs) {
    EXPECT_TRUE(english.insert(p.src).second) << "duplicate: " << p.src[0];
    EXPECT_LE(p.src.size(), 8u);
    EXPECT_LE(p.tgt.size(), 8u);
  }
  for (const auto& [eng, fra] : kBookTestSentences) {
    bool found = false;
    for (const PhrasePair& p : set.pairs) found |= p.src == tokenize(eng) && p.tgt == tokenize(fra);
    EXPECT_TRUE(found) << eng;
    for (const std::string& w : tokenize(eng)) EXPECT_NE(set.src_vocab.id(w), set.src_vocab.unk());
    for (const std::string& w : tokenize(fra)) EXPECT_NE(set.tgt_vocab.id(w), set.tgt_vocab.unk());
  }
  for (const Vocab* v : {&set.src_vocab, &set.tgt_vocab}) {
    EXPECT_EQ(v->pad(), 0);
    EXPECT_EQ(v->bos(), 1);
    EXPECT_EQ(v->eos(), 2);
    EXPECT_EQ(v->unk(), 3);
  }
  EXPECT_NE(builtin_phrases_text().find("i'm home .\tje suis chez moi ."), std::string::npos);
}

TEST(Phrases, TaskDrawsPairsOfTheSetAndNeedsAnEncoderDecoder) {
  TaskConfig task;
  task.kind = TaskKind::Phrases;
  EXPECT_EQ(parse_task("phrases"), TaskKind::Phrases);
  EXPECT_EQ(name(TaskKind::Phrases), "phrases");
  const PhraseSet& set = builtin_phrases();
  const TaskVocabs v = task_vocabs(TaskKind::Phrases);
  EXPECT_EQ(v.src, set.src_vocab);
  EXPECT_EQ(v.tgt, set.tgt_vocab);
  Rng rng(5);
  for (int i = 0; i < 20; ++i) {
    const Example e = sample_example(task, rng);
    bool found = false;
    for (const PhrasePair& p : set.pairs)
      found |= set.src_vocab.encode(p.src) == e.src && set.tgt_vocab.encode(p.tgt) == e.tgt;
    EXPECT_TRUE(found);
  }
  TrainConfig c = phrases_task_config();
  EXPECT_EQ(validate(c), std::nullopt);
  c.model.arch = Arch::Decoder;
  EXPECT_EQ(validate(c), "the phrases task needs an encoder-decoder model");
  c = phrases_task_config();
  c.model.max_len = 10;
  EXPECT_EQ(validate(c), "model max_len 10 is too short for task length " +
                             std::to_string(longest_sequence(c.task)));
}

#ifdef NDEBUG
// The old edition's result: d = 32, 2 layers, 4 heads, ffn 64 translates all four test sentences
// ("va !", "j'ai perdu .", "il est calme .", "je suis chez moi ."). A few seconds in Release; not
// timed here. Skipped in the unoptimised sanitizer build, where it would take minutes.
TEST(Phrases, SmallTransformerTranslatesTheFourTestSentences) {
  TrainingRun run(phrases_task_config());
  const auto translations = [&] {
    std::vector<std::string> out;
    for (const auto& [eng, fra] : kBookTestSentences) {
      auto words = translate(run.model(), eng, 10);
      std::string joined;
      for (const std::string& w : words.ok() ? words.value() : Words{"(error)"})
        joined += (joined.empty() ? "" : " ") + w;
      out.push_back(joined);
    }
    return out;
  };
  const std::vector<std::string> expected = {"va !", "j'ai perdu .", "il est calme .",
                                             "je suis chez moi ."};
  const auto t0 = std::chrono::steady_clock::now();
  while (run.steps() < 1000 && translations() != expected)
    for (int i = 0; i < 100; ++i) run.step();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("phrases: four test sentences after %d steps, %.1f s\n", run.steps(), seconds);
  EXPECT_EQ(translations(), expected);
}
#endif

}  // namespace
}  // namespace al::tf
