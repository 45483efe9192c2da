// The background training loop: wait while paused, run an epoch (no faster than the speed
// limit), evaluate, publish.
#include "engine/bahdanau/trainer.hpp"

#include <chrono>

#include "engine/bahdanau/train_config.hpp"

namespace al::bahdanau {
namespace {

using Clock = std::chrono::steady_clock;

// The callback's rate: a plot that moves smoothly without waking an app for each of a hundred
// epochs a second.
constexpr std::chrono::milliseconds kUpdateInterval(33);
// progress().epochs_per_second is measured over at least this long.
constexpr std::chrono::milliseconds kRateWindow(500);

}  // namespace

Expected<std::unique_ptr<Trainer>> Trainer::create(const TrainConfig& config,
                                                   std::function<void()> on_update) {
  if (auto e = check_training(config)) return Error{*e};
  return std::make_unique<Trainer>(config, std::move(on_update));
}

Trainer::Trainer(const TrainConfig& config, std::function<void()> on_update)
    : config_(config), on_update_(std::move(on_update)), lr_(config.adam.lr) {
  TrainingRun run(config_);
  snapshot_ = std::make_shared<const Model>(run.model());
  worker_ = std::thread([this] { work(); });
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
    epochs_left_ = 0;
  }
  wake_.notify_all();
}

void Trainer::run_epochs(int n) {
  {
    std::lock_guard lock(mutex_);
    want_running_ = n > 0;
    epochs_left_ = n > 0 ? n : 0;
  }
  wake_.notify_all();
}

void Trainer::pause() {
  {
    std::lock_guard lock(mutex_);
    want_running_ = false;
    epochs_left_ = 0;
    progress_.running = false;
  }
  wake_.notify_all();
}

void Trainer::reset() {
  {
    std::lock_guard lock(mutex_);
    want_running_ = false;
    epochs_left_ = 0;
    want_reset_ = true;
  }
  wake_.notify_all();
}

void Trainer::set_speed(double epochs_per_second) {
  {
    std::lock_guard lock(mutex_);
    speed_ = epochs_per_second > 0 ? epochs_per_second : 0.0;
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

std::vector<EpochPoint> Trainer::history() const {
  std::lock_guard lock(mutex_);
  return history_.points();
}

std::shared_ptr<const Model> Trainer::snapshot() const {
  std::lock_guard lock(mutex_);
  return snapshot_;
}

void Trainer::notify() const {
  if (on_update_) on_update_();
}

void Trainer::work() {
  auto run = std::make_unique<TrainingRun>(config_);
  TrainerProgress p;
  bool was_running = false;
  Clock::time_point last_start;  // of the last epoch: the speed limit counts from it
  Clock::time_point rate_start;
  int rate_epochs = 0;
  auto last_update = Clock::now();
  for (;;) {
    double lr = 0.0;
    {
      std::unique_lock lock(mutex_);
      if (!want_running_ || p.finished) {
        progress_.running = false;
        if (was_running) {  // running stopped: the app draws once more
          was_running = false;
          lock.unlock();
          notify();
          lock.lock();
        }
      }
      wake_.wait(lock, [&] { return stop_ || want_reset_ || (want_running_ && !p.finished); });
      if (stop_) return;
      if (want_reset_) {
        want_reset_ = false;
        history_ = tf::Thinned<EpochPoint>(tf::kMaxHistoryPoints);
        lr_ = config_.adam.lr;
        lock.unlock();
        run = std::make_unique<TrainingRun>(config_);
        p = TrainerProgress{};
        auto copy = std::make_shared<const Model>(run->model());
        lock.lock();
        progress_ = p;
        snapshot_ = std::move(copy);
        lock.unlock();
        notify();
        continue;
      }
      if (!was_running) {  // (re)started: measure the rate afresh
        rate_start = Clock::now();
        rate_epochs = 0;
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
    const Epoch epoch = train_epoch(*run, p.epoch + 1);
    const auto now = Clock::now();
    p.step = run->steps();
    p.seconds += std::chrono::duration<double>(now - last_start).count();
    std::shared_ptr<const Model> copy;
    if (epoch.diverged) {
      p.finished = true;
      p.message = divergence_message(epoch.point.epoch, lr);
    } else {
      p.epoch = epoch.point.epoch;
      p.test = epoch.test;
      if (p.all_exact_epoch == 0 && epoch.point.exact == static_cast<int>(epoch.test.size())) {
        p.all_exact_epoch = p.epoch;
        p.all_exact_seconds = p.seconds;
      }
      copy = std::make_shared<const Model>(run->model());  // copied outside the lock
    }
    ++rate_epochs;
    if (now - rate_start >= kRateWindow) {
      p.epochs_per_second = rate_epochs / std::chrono::duration<double>(now - rate_start).count();
      rate_start = now;
      rate_epochs = 0;
    }
    bool still_running = false;
    {
      std::lock_guard lock(mutex_);
      // A diverged epoch adds no point, and the snapshot stays the last finite model.
      if (copy) {
        history_.add(epoch.point);
        snapshot_ = std::move(copy);
      }
      if (epochs_left_ > 0 && --epochs_left_ == 0) want_running_ = false;
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

}  // namespace al::bahdanau
