// Greedy decoding and teacher forcing of one sentence, both through decode_step().
#include "engine/bahdanau/decode.hpp"

#include <optional>
#include <string>

namespace al::bahdanau {
namespace {

std::optional<std::string> check_ids(const Vocab& vocab, std::span<const int> ids,
                                     const char* side) {
  for (int id : ids)
    if (id < 0 || id >= vocab.size())
      return "token id " + std::to_string(id) + " is outside the " + side + " vocabulary of " +
             std::to_string(vocab.size());
  return std::nullopt;
}

// Steps the decoder from <bos>: the next input is forced[t] while forced lasts (forcing), or the
// argmax until <eos> or max_steps (greedy, forced empty).
template <class S>
Expected<Decoded<S>> run_decoder(const Seq2SeqAttention<S>& model, std::span<const int> src,
                                 std::span<const int> forced, int max_steps) {
  const Config& c = model.config;
  if (src.empty()) return Error{"the source is empty"};
  if (auto e = check_ids(c.src_vocab, src, "source")) return Error{*e};
  if (auto e = check_ids(c.tgt_vocab, forced, "target")) return Error{*e};
  const bool forcing = !forced.empty();
  const int most = forcing ? static_cast<int>(forced.size()) + 1 : max_steps;
  if (most < 1) return Error{"max_steps must be at least 1"};
  Decoded<S> d;
  const int n = static_cast<int>(src.size());
  const int valid[] = {n};
  model.encode(src, 1, n, valid, d.encoder);
  std::vector<Mat<S>> state = d.encoder.final;
  std::vector<RowVec<S>> logits;
  int token = c.tgt_vocab.bos();
  for (int t = 0; t < most; ++t) {
    d.inputs.push_back(token);
    d.steps.emplace_back();
    const int tokens[] = {token};
    const Mat<S> h = model.decode_step(d.encoder, tokens, state, d.steps.back());
    logits.push_back(model.dense.forward(h).row(0));
    Eigen::Index best = 0;
    logits.back().maxCoeff(&best);
    d.ids.push_back(static_cast<int>(best));
    if (forcing) {
      if (t < static_cast<int>(forced.size())) token = forced[t];
    } else {
      if (best == c.tgt_vocab.eos()) break;
      token = static_cast<int>(best);
    }
  }
  d.logits.resize(static_cast<Eigen::Index>(logits.size()), c.tgt_vocab.size());
  for (std::size_t t = 0; t < logits.size(); ++t) d.logits.row(t) = logits[t];
  return d;
}

}  // namespace

template <class S>
Expected<Decoded<S>> greedy_decode(const Seq2SeqAttention<S>& model, std::span<const int> src,
                                   int max_steps) {
  return run_decoder(model, src, {}, max_steps);
}

template <class S>
Expected<Decoded<S>> teacher_force(const Seq2SeqAttention<S>& model, std::span<const int> src,
                                   std::span<const int> target) {
  return run_decoder(model, src, target, 1);
}

template Expected<Decoded<float>> greedy_decode(const Seq2SeqAttention<float>&,
                                                std::span<const int>, int);
template Expected<Decoded<double>> greedy_decode(const Seq2SeqAttention<double>&,
                                                 std::span<const int>, int);
template Expected<Decoded<float>> teacher_force(const Seq2SeqAttention<float>&,
                                                std::span<const int>, std::span<const int>);
template Expected<Decoded<double>> teacher_force(const Seq2SeqAttention<double>&,
                                                 std::span<const int>, std::span<const int>);

}  // namespace al::bahdanau
