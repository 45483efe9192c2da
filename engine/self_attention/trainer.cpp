// The background training loop: wait while paused, step (no faster than the speed limit),
// record, publish.
#include "engine/self_attention/trainer.hpp"

#include <chrono>
#include <cmath>

namespace al::sa {
namespace {

using Clock = std::chrono::steady_clock;

// The callback's rate: curves that move smoothly without waking an app for each of a thousand
// steps a second.
constexpr std::chrono::milliseconds kUpdateInterval(33);
// progress().steps_per_second is measured over at least this long.
constexpr std::chrono::milliseconds kRateWindow(500);

}  // namespace

Trainer::Trainer(const TrainConfig& config, std::function<void()> on_update)
    : config_(config), on_update_(std::move(on_update)), lr_(config.lr) {
  auto run = std::make_unique<TrainingRun>(config_);
  publish_start(*run);
  worker_ = std::thread([this, r = std::move(run)]() mutable { work(std::move(r)); });
}

Trainer::~Trainer() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  worker_.join();
}

void Trainer::start() {
  {
    std::lock_guard lock(mutex_);
    want_running_ = true;
    steps_left_ = 0;
  }
  wake_.notify_all();
}

void Trainer::run_steps(int n) {
  {
    std::lock_guard lock(mutex_);
    want_running_ = n > 0;
    steps_left_ = n > 0 ? n : 0;
  }
  wake_.notify_all();
}

void Trainer::pause() {
  {
    std::lock_guard lock(mutex_);
    want_running_ = false;
    steps_left_ = 0;
    // progress_.running stays until the worker has published the step it may be in the middle
    // of: "not running" then means no step will land any more.
  }
  wake_.notify_all();
}

void Trainer::reset() {
  {
    std::lock_guard lock(mutex_);
    want_running_ = false;
    steps_left_ = 0;
    want_reset_ = true;
  }
  wake_.notify_all();
}

void Trainer::set_speed(double steps_per_second) {
  {
    std::lock_guard lock(mutex_);
    speed_ = steps_per_second > 0 ? steps_per_second : 0.0;
  }
  wake_.notify_all();
}

void Trainer::set_lr(double lr) {
  std::lock_guard lock(mutex_);
  lr_ = lr;
}

TrainerProgress Trainer::progress() const {
  std::lock_guard lock(mutex_);
  return progress_;
}

std::vector<CurvePoint> Trainer::curve() const {
  std::lock_guard lock(mutex_);
  return curve_.points();
}

Snapshot Trainer::snapshot() const {
  std::lock_guard lock(mutex_);
  return snapshot_;
}

void Trainer::notify() const {
  if (on_update_) on_update_();
}

void Trainer::publish_start(const TrainingRun& run) {
  const CurvePoint start = measure(run);
  auto copy = std::make_shared<const Network>(run.network());
  std::lock_guard lock(mutex_);
  progress_ = TrainerProgress{};
  curve_ = tf::Thinned<CurvePoint>(tf::kMaxHistoryPoints);
  curve_.add(start);
  snapshot_ = {std::move(copy), 0};
  lr_ = config_.lr;
}

void Trainer::work(std::unique_ptr<TrainingRun> run) {
  TrainerProgress p;
  bool was_running = false;
  Clock::time_point last_start, rate_start;  // the speed limit counts from the last step's start
  int rate_steps = 0;
  auto last_update = Clock::now();
  for (;;) {
    double lr = 0.0;
    {
      std::unique_lock lock(mutex_);
      // Running stopped: the network as it is now (a pause between two points, or after a
      // divergence the last finite one, which the latest snapshot already is), and one more draw.
      if ((!want_running_ || p.finished) && was_running) {
        was_running = false;
        progress_.running = false;
        if (!p.finished && snapshot_.step != p.step) {
          lock.unlock();
          auto copy = std::make_shared<const Network>(run->network());
          lock.lock();
          snapshot_ = {std::move(copy), p.step};
        }
        lock.unlock();
        notify();
        lock.lock();
      }
      wake_.wait(lock, [&] { return stop_ || want_reset_ || (want_running_ && !p.finished); });
      if (stop_) return;
      if (want_reset_) {
        want_reset_ = false;
        lock.unlock();
        run = std::make_unique<TrainingRun>(config_);
        p = TrainerProgress{};
        publish_start(*run);
        notify();
        continue;
      }
      if (!was_running) {  // (re)started: measure the rate afresh
        rate_start = Clock::now();
        rate_steps = 0;
      }
      was_running = true;
      progress_.running = true;
      if (speed_ > 0) {
        const auto due = last_start + std::chrono::duration_cast<Clock::duration>(
                                          std::chrono::duration<double>(1.0 / speed_));
        if (Clock::now() < due) {
          const double speed = speed_;
          wake_.wait_until(
              lock, due, [&] { return stop_ || want_reset_ || !want_running_ || speed_ != speed; });
          continue;
        }
      }
      lr = lr_;
    }
    last_start = Clock::now();
    run->set_lr(lr);
    const StepRecord record = step_and_measure(*run);
    p.step = run->steps();
    p.batch_loss = record.batch.loss;
    if (!std::isfinite(record.batch.loss)) {
      p.finished = true;
      p.message = divergence_message(p.step, lr);
    }
    // A new point comes with its network (copied outside the lock).
    std::shared_ptr<const Network> copy;
    if (record.point) copy = std::make_shared<const Network>(run->network());
    const auto now = Clock::now();
    ++rate_steps;
    if (now - rate_start >= kRateWindow) {
      p.steps_per_second = rate_steps / std::chrono::duration<double>(now - rate_start).count();
      rate_start = now;
      rate_steps = 0;
    }
    bool still_running = false;
    {
      std::lock_guard lock(mutex_);
      if (record.point) {
        curve_.add(*record.point);
        snapshot_ = {std::move(copy), p.step};
      }
      if (steps_left_ > 0 && --steps_left_ == 0) want_running_ = false;
      progress_ = p;
      progress_.running = still_running = want_running_ && !p.finished;
    }
    // A stop notifies at the top of the loop.
    if (still_running && now - last_update >= kUpdateInterval) {
      last_update = now;
      notify();
    }
  }
}

}  // namespace al::sa
