// A training run stepped on a background thread, for an app that draws while it trains: the
// thread, its commands and its pace, shared by every lab that trains in the window. What a "unit"
// is (a step, an epoch) and what it publishes (curves, a copy of the model) is the owner's Job;
// this class only decides when units run.
//
// Every command returns at once: start, run(n), pause, reset and set_speed are flags the thread
// reads between units. What the job publishes is guarded by the worker's one lock: the job writes
// it inside publish(), readers copy it inside read(), which also hands them the worker's state, so
// a reader sees the two together.
//
// The engine knows no window system: an app that sleeps until something happens passes a callback
// (e.g. one posting an empty GLFW event) that the thread calls, without the lock held, at most 30
// times a second while running, once when running stops and after a reset; never while paused.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace al {

struct WorkerState {
  // A unit may still land. A pause or the end of run(n) clears it only once the unit in flight
  // has landed and the job's stopped() has published: "not running" means nothing more will
  // change until the next command.
  bool running = false;
  bool finished = false;          // the job said it can go no further; only reset() goes on
  double seconds = 0.0;           // spent in units since the last reset (pauses, waits excluded)
  double units_per_second = 0.0;  // over the last half second or more of running; 0 until then
};

class TrainingWorker {
 public:
  // What is trained. Each function is called on the worker thread only, without the lock held.
  struct Job {
    // Runs one unit and publishes what it made; false when training can go no further (the loss
    // diverged, a limit was reached).
    std::function<bool()> unit;
    // Running stopped (a pause, the end of run(n), the end): publishes the model as it stands.
    std::function<void()> stopped;
    // Back to unit 0 with a fresh run, published.
    std::function<void()> restart;
  };
  // The thread starts at once, paused. An owner declares its worker after everything the job
  // uses, so that the worker (whose destructor joins the thread) is destroyed first.
  TrainingWorker(Job job, std::function<void()> on_update);
  ~TrainingWorker();  // stops the thread after the unit in flight
  TrainingWorker(const TrainingWorker&) = delete;
  TrainingWorker& operator=(const TrainingWorker&) = delete;

  void start();     // start or resume
  void run(int n);  // n more units (n ≥ 1), then pause
  void pause();
  void reset();  // paused, then the job's restart()
  // At most `units_per_second` units a second from now on (0: as fast as it can). It waits
  // between units, so a slow pace still shows each unit as it happens.
  void set_speed(double units_per_second);

  // `f(state)` under the lock: a reader's consistent copy of what the job published.
  template <class F>
  auto read(F&& f) const {
    std::lock_guard lock(mutex_);
    return f(static_cast<const WorkerState&>(state_));
  }
  // `f()` under the lock: the job's way to publish.
  template <class F>
  void publish(F&& f) {
    std::lock_guard lock(mutex_);
    f();
  }

 private:
  using Clock = std::chrono::steady_clock;
  void work();
  void notify() const;

  const Job job_;
  const std::function<void()> on_update_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool want_running_ = false, want_reset_ = false, stop_ = false;
  int units_left_ = 0;  // of run(n), not yet begun (0: start()'s no limit)
  // Counts the commands: the unit that ends a run(n) pauses only if no command came meanwhile.
  unsigned commands_ = 0;
  double speed_ = 0.0;  // units per second at most (0: no limit)
  WorkerState state_;
  std::thread thread_;  // last: it starts once everything above is made
};

// The commands a trainer passes on to its worker as they are, so that each trainer need not
// repeat them: a trainer derives from WorkerCommands<itself>, befriends it, and keeps its
// TrainingWorker in a member named worker_. What a unit is (a step, an epoch) is the trainer's.
template <class Trainer>
class WorkerCommands {
 public:
  void start() { worker().start(); }    // start or resume
  void run(int n) { worker().run(n); }  // n more units (n ≥ 1), then pause
  void pause() { worker().pause(); }
  void reset() { worker().reset(); }  // paused, then back to unit 0 of a fresh run
  // At most `units_per_second` units a second from now on (0: as fast as it can).
  void set_speed(double units_per_second) { worker().set_speed(units_per_second); }

 protected:
  WorkerCommands() = default;

 private:
  TrainingWorker& worker() { return static_cast<Trainer&>(*this).worker_; }
};

}  // namespace al
