// The background loop: wait while paused, run a unit (no faster than the pace), publish, tell the
// app now and then.
#include "engine/training_worker.hpp"

namespace al {
namespace {

// The callback's rate while running: curves that move smoothly without waking an app for each of
// a thousand steps a second.
constexpr std::chrono::milliseconds kUpdateInterval(33);
// WorkerState::units_per_second is measured over at least this long.
constexpr std::chrono::milliseconds kRateWindow(500);

}  // namespace

TrainingWorker::TrainingWorker(Job job, std::function<void()> on_update)
    : job_(std::move(job)), on_update_(std::move(on_update)), thread_([this] { work(); }) {}

TrainingWorker::~TrainingWorker() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void TrainingWorker::start() {
  {
    std::lock_guard lock(mutex_);
    want_running_ = true;
    units_left_ = 0;
    ++commands_;
  }
  wake_.notify_all();
}

void TrainingWorker::run(int n) {
  {
    std::lock_guard lock(mutex_);
    want_running_ = n > 0;
    units_left_ = n > 0 ? n : 0;
    ++commands_;
  }
  wake_.notify_all();
}

void TrainingWorker::pause() {
  {
    std::lock_guard lock(mutex_);
    want_running_ = false;
    units_left_ = 0;
    ++commands_;
  }
  wake_.notify_all();  // a thread waiting out the pace stops waiting
}

void TrainingWorker::reset() {
  {
    std::lock_guard lock(mutex_);
    want_running_ = false;
    units_left_ = 0;
    want_reset_ = true;
    ++commands_;
  }
  wake_.notify_all();
}

void TrainingWorker::set_speed(double units_per_second) {
  {
    std::lock_guard lock(mutex_);
    speed_ = units_per_second > 0 ? units_per_second : 0.0;
  }
  wake_.notify_all();
}

void TrainingWorker::notify() const {
  if (on_update_) on_update_();
}

void TrainingWorker::work() {
  Clock::time_point last_start;  // of the last unit: the pace counts from it
  Clock::time_point rate_start;  // the window units_per_second is measured over
  int rate_units = 0;
  auto last_update = Clock::now();
  for (;;) {
    // The last unit of a run(n), and the command it was begun under.
    bool last_of_run = false;
    unsigned begun_under = 0;
    {
      std::unique_lock lock(mutex_);
      if (state_.running && (!want_running_ || state_.finished)) {
        // Running stopped: the model as it stands is published before "not running" is, and
        // the app draws once more.
        lock.unlock();
        job_.stopped();
        lock.lock();
        state_.running = false;
        lock.unlock();
        notify();
        lock.lock();
      }
      wake_.wait(lock, [&] { return stop_ || want_reset_ || (want_running_ && !state_.finished); });
      if (stop_) return;
      if (want_reset_) {
        want_reset_ = false;
        state_ = WorkerState{};
        lock.unlock();
        job_.restart();
        notify();
        continue;
      }
      if (!state_.running) {  // (re)started: measure the rate afresh
        state_.running = true;
        rate_start = Clock::now();
        rate_units = 0;
      }
      if (speed_ > 0) {
        const auto due = last_start + std::chrono::duration_cast<Clock::duration>(
                                          std::chrono::duration<double>(1.0 / speed_));
        if (Clock::now() < due) {
          const double speed = speed_;
          wake_.wait_until(
              lock, due, [&] { return stop_ || want_reset_ || !want_running_ || speed_ != speed; });
          continue;  // due now, or paused, reset, stopped or given a new pace
        }
      }
      // A unit of run(n) counts from when it begins: a run(n) given while a unit is in flight
      // runs n more after it.
      if (units_left_ > 0) last_of_run = --units_left_ == 0;
      begun_under = commands_;
    }
    last_start = Clock::now();
    const bool more = job_.unit();
    const auto now = Clock::now();
    ++rate_units;
    bool still_running = false;
    {
      std::lock_guard lock(mutex_);
      state_.seconds += std::chrono::duration<double>(now - last_start).count();
      if (now - rate_start >= kRateWindow) {
        state_.units_per_second =
            rate_units / std::chrono::duration<double>(now - rate_start).count();
        rate_start = now;
        rate_units = 0;
      }
      state_.finished = !more;
      if (last_of_run && commands_ == begun_under) want_running_ = false;
      still_running = want_running_ && more;
    }
    // A stop notifies at the top of the loop.
    if (still_running && now - last_update >= kUpdateInterval) {
      last_update = now;
      notify();
    }
  }
}

}  // namespace al
