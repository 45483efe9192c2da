// Working-set estimates of training and of a figure's run, computed by hand for a tiny model, so
// that a change to what the passes keep (or to the estimate) shows here.
//
// Against peak RSS (/usr/bin/time -v, Release build, the reference machine; the executable alone
// takes about 12 MB, which the estimates leave out):
//   attention-lab train reverse --set tf.steps=1 ...
//     defaults (d 32, batch 64, 8 digits):                       estimate   8.7 MB, RSS   16.8 MB
//     tf.batch=1024 tf.seq_len=50:                               estimate   929 MB, RSS    938 MB
//     tf.d_model=256 tf.heads=8 tf.ffn=1024 tf.batch=256 tf.seq_len=60:
//                                                                estimate  2.15 GB, RSS   2.08 GB
//     tf.d_model=64 tf.heads=16 tf.layers=4 tf.ffn=256 tf.batch=512 tf.seq_len=40 tf.dropout=0.1:
//                                                                estimate  2.64 GB, RSS   2.59 GB
//     the d 1024, 64 heads, 16 layers, ffn 8192, batch 4096, 100 digits: estimate 2.36 TB
//     (refused; it was OOM-killed at 23.7 GB)
//   attention-lab figure ... on a model with d 64, 8 heads, ffn 256, 2 + 2 layers, max_len 65536
//   whose generator never emits <eos>, decode.max_steps=1000:
//     transformer-logits, 1000 source words:                     estimate   815 MB, RSS    579 MB
//     transformer-attention (PNG), 2000 source words:            estimate  1.85 GB, RSS   1.34 GB
//     transformer-attention (PNG), 1000 words, teacher-forced on 1000 words:
//                                                                estimate   816 MB, RSS    620 MB
#include "engine/transformer/memory_estimate.hpp"

#include <gtest/gtest.h>

namespace al::tf {
namespace {

// The reverse task on 3 digits (sequences of 4 tokens with <eos> or <bos>), batch 2, through an
// encoder-decoder of width 4, 2 heads, FFN 8, one layer each side, positions up to 10; the digit
// vocabulary has 14 tokens.
TrainConfig tiny_training() {
  TrainConfig c = reverse_task_config();
  c.model.d_model = 4;
  c.model.num_heads = 2;
  c.model.ffn_hidden = 8;
  c.model.num_encoder_layers = c.model.num_decoder_layers = 1;
  c.model.max_len = 10;
  c.task.min_len = c.task.max_len = 3;
  c.batch = 2;
  return c;
}

// Parameters: attention 4·4² = 64, LayerNorm 2·4 = 8, FFN 4·8 + 8 + 8·4 + 4 = 76; encoder layer
// 64 + 2·8 + 76 = 156, decoder layer 2·64 + 3·8 + 76 = 228; embeddings 2 · 14·4 = 112; generator
// 4·14 + 14 = 70: 566. Sinusoidal positions 10·4 = 40 floats.
constexpr double kParameters = 566, kPositions = 40;

TEST(MemoryEstimate, TrainingStepByHand) {
  // 8 rows each side (2 sequences x 4 tokens), 4 attention units (2 x 2 heads), in floats:
  //   encoder block  13·8·4 + 2·8·8 + 3·8 + 4·(4·4 + 12)                   =  680
  //   memory         8·4                                                    =   32
  //   decoder block  18·8·4 + 3·8·4 + 2·8·8 + 5·8 + 4·(16 + 16 + 2·12)      = 1064
  //   generator input 8·4, logits 8·14                                      =  144
  //   training: 6 x parameters (values, gradients, Adam's two moments, and the second half's
  //   copy with its gradients), positions, dL/dlogits 112, backward
  //   8·8·4 + 2·8·8 + memory gradient 8·4 = 416
  const double floats = 6 * kParameters + kPositions + 680 + 32 + 1064 + 144 + 112 + 416;
  EXPECT_DOUBLE_EQ(training_working_set(tiny_training()), 4 * floats);

  // Dropout keeps masks: 2·8·4 of the encoder's sublayers and 4·(16 + 12) of its weights (176),
  // 3·8·4 of the decoder's and 4·(16 + 16 + 24) of its weights (320), and of both embeddings (64).
  TrainConfig dropping = tiny_training();
  dropping.dropout = 0.1;
  EXPECT_DOUBLE_EQ(training_working_set(dropping), 4 * (floats + 176 + 320 + 64));

  // The background trainer adds three copies of the model with its positions.
  EXPECT_DOUBLE_EQ(trainer_working_set(tiny_training()),
                   4 * (floats + 3 * (kParameters + kPositions)));
}

TEST(MemoryEstimate, FiguresRunByHand) {
  ModelConfig c = tiny_training().model;
  c.src_vocab = c.tgt_vocab = task_vocab();
  // One sequence of 4 source tokens and 4 decoder positions, 2 attention units, in floats:
  //   encoder block 13·4·4 + 2·4·8 + 3·4 + 2·(16 + 12) = 340, memory 16,
  //   decoder block 18·4·4 + 3·4·4 + 2·4·8 + 5·4 + 2·(16 + 16 + 24) = 532, generator input 16,
  //   logits 4·14 = 56;
  //   temporaries 4·4·4 + 4·8 = 96; the trace: 2 heads x (16 + 16 + 16) weights, 3 floats each
  //   (double, and a float copy) = 288; the logits in double 2·56 = 112.
  const double floats = kParameters + kPositions + 340 + 16 + 532 + 16 + 56 + 96 + 288 + 112;
  EXPECT_DOUBLE_EQ(inference_working_set(c, 4, 4), 4 * floats);

  // An encoder-only model has no decoder: 4 source positions give the logits, and `positions`
  // is ignored. Parameters without the decoder's layer and embedding: 566 - 228 - 56 = 282;
  // encoder block 340, memory 16, logits 56; temporaries 96; trace 2·16 weights · 3 = 96;
  // logits in double 112.
  c.arch = Arch::Encoder;
  const double encoder = 282 + kPositions + 340 + 16 + 56 + 96 + 96 + 112;
  EXPECT_DOUBLE_EQ(inference_working_set(c, 4, 1000), 4 * encoder);
}

TEST(MemoryEstimate, AttentionGrowsWithTheSquareOfTheLength) {
  ModelConfig c = tiny_training().model;
  c.src_vocab = c.tgt_vocab = task_vocab();
  c.max_len = 65536;
  // 1000 decoder positions: the one decoder layer keeps, per head, 1000 x (1000 + 4) self- and
  // cross-attention weights in the forward pass (1 float) and the trace (3): 2 heads x 4 floats
  // x 1 004 000 weights x 4 bytes = 32 MB, most of the estimate.
  const double long_decode = inference_working_set(c, 4, 1000);
  EXPECT_GT(long_decode, 2 * 4 * 4.0 * 1004000);
  EXPECT_LT(long_decode, 2 * 2 * 4 * 4.0 * 1004000);  // and the rest is smaller than that
}

}  // namespace
}  // namespace al::tf
