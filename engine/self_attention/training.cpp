// The training run of the self-attention network and one example's answer.
#include "engine/self_attention/training.hpp"

#include <cmath>

#include "engine/short_number.hpp"
#include "engine/transformer/loss.hpp"

namespace al::sa {
namespace {

// The seed's three streams: weights, training sequences, held-out set.
constexpr std::uint64_t kDataStream = 0x9e3779b97f4a7c15ULL;
constexpr std::uint64_t kHeldOutStream = 0xc2b2ae3d27d4eb4fULL;

Network initial_network(const TrainConfig& c, const Vocab& vocab) {
  Rng rng(c.seed);
  Network net;
  net.init(vocab.size(), vocab.outputs(), c.dim, rng);
  return net;
}

std::vector<int> answers(const std::vector<Example>& examples) {
  std::vector<int> labels;
  for (const Example& e : examples) labels.push_back(e.answer);
  return labels;
}

}  // namespace

TrainConfig train_config(const Settings& s) {
  TrainConfig c;
  c.task = {s.sa_pairs, s.sa_keys, s.sa_values};
  c.dim = s.sa_dim;
  c.batch = s.sa_batch;
  c.seed = s.sa_seed;
  c.lr = s.sa_lr;
  return c;
}

std::optional<std::string> validate(const TrainConfig& c) {
  return validate(c.task);
}

TrainingRun::TrainingRun(const TrainConfig& c)
    : config_(c),
      vocab_(c.task),
      net_(initial_network(c, vocab_)),
      adam_(tf::AdamConfig{.lr = c.lr}),
      data_(c.seed ^ kDataStream) {
  Rng held(c.seed ^ kHeldOutStream);
  for (int i = 0; i < kHeldOut; ++i) held_out_.push_back(random_example(c.task, held));
}

Score TrainingRun::step() {
  std::vector<Example> batch;
  for (int i = 0; i < config_.batch; ++i) batch.push_back(random_example(config_.task, data_));
  const Pass pass = forward(net_, batch, vocab_);
  Mat dlogits;
  const tf::LossResult r = tf::cross_entropy(pass.logits, answers(batch), &dlogits);
  net_.visit([](const std::string&, tf::Param<double>& p) { p.zero_grad(); });
  backward(net_, pass, dlogits);
  adam_.step(net_);
  ++steps_;
  return {r.loss, static_cast<double>(r.correct) / r.tokens};
}

Score TrainingRun::evaluate() const {
  const Pass pass = forward(net_, held_out_, vocab_);
  const tf::LossResult r = tf::cross_entropy<double>(pass.logits, answers(held_out_), nullptr);
  return {r.loss, static_cast<double>(r.correct) / r.tokens};
}

CurvePoint measure(const TrainingRun& run) {
  const Score s = run.evaluate();
  return {run.steps(), s.loss, s.accuracy};
}

StepRecord step_and_measure(TrainingRun& run) {
  StepRecord r{run.step(), std::nullopt};
  if (std::isfinite(r.batch.loss) && run.steps() % kEvalEvery == 0) r.point = measure(run);
  return r;
}

std::string divergence_message(int step, double lr) {
  std::string m = "sa.lr: the loss diverged at step ";
  m += std::to_string(step);
  m += " with sa.lr ";
  m += shortest_number(lr);
  m += "; use a smaller one";
  return m;
}

Record train_for(const TrainConfig& c, int steps) {
  TrainingRun run(c);
  Thinned<CurvePoint> curve(kMaxHistoryPoints);
  curve.add(measure(run));
  Record r;
  for (int i = 0; i < steps; ++i) {
    const StepRecord s = step_and_measure(run);
    if (!std::isfinite(s.batch.loss)) {
      r.message = divergence_message(run.steps(), c.lr);
      break;
    }
    if (s.point) curve.add(*s.point);
  }
  r.curve = curve.points();
  r.steps = run.steps();
  r.network = std::make_shared<const Network>(run.network());
  return r;
}

Answer answer(const Network& net, const Example& e, const Vocab& vocab) {
  const Pass pass = forward(net, std::span<const Example>(&e, 1), vocab);
  Answer a;
  for (int id : e.tokens) a.tokens.push_back(vocab.token(id));
  a.weights = pass.weights.front();
  // p = softmax(z), as the loss takes it
  const auto z = pass.logits.row(0);
  Eigen::Index best = 0;
  const double top = z.maxCoeff(&best);
  double sum = 0.0;
  for (Eigen::Index v = 0; v < z.size(); ++v) sum += std::exp(z[v] - top);
  for (Eigen::Index v = 0; v < z.size(); ++v) a.probabilities.push_back(std::exp(z[v] - top) / sum);
  a.predicted = static_cast<int>(best);
  a.expected = e.answer;
  return a;
}

}  // namespace al::sa
