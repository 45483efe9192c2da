// The background worker every lab trains with, on a job that counts its units: run(n) runs
// exactly n, a pause leaves nothing in flight once "not running", a finished job stays finished
// until a reset, the pace is kept, and the app is called back when running stops.
#include "engine/training_worker.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace al {
namespace {

using namespace std::chrono_literals;

// A job whose unit adds one to a published count, up to `limit`.
struct Counter {
  int count = 0;  // published under the worker's lock
  std::atomic<int> stops{0}, restarts{0}, updates{0};
  int limit = 1 << 30;  // the unit returns false once the count reaches it
  std::chrono::milliseconds unit_time{0};
  TrainingWorker worker{{.unit =
                             [this] {
                               std::this_thread::sleep_for(unit_time);
                               int now = 0;
                               worker.publish([&] { now = ++count; });
                               return now < limit;
                             },
                         .stopped = [this] { ++stops; },
                         .restart =
                             [this] {
                               ++restarts;
                               worker.publish([&] { count = 0; });
                             }},
                        [this] { ++updates; }};

  int read_count() const {
    return worker.read([&](const WorkerState&) { return count; });
  }
  WorkerState state() const {
    return worker.read([](const WorkerState& w) { return w; });
  }
  // Waits (at most a minute) for `done(state, count)`.
  template <class Done>
  bool wait(Done done) const {
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    for (;;) {
      const auto [w, n] = worker.read([&](const WorkerState& s) { return std::pair{s, count}; });
      if (done(w, n)) return true;
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(1ms);
    }
  }
};

TEST(TrainingWorker, MadePausedAndRunRunsExactlyN) {
  Counter c;
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(c.read_count(), 0) << "made, never started";
  EXPECT_FALSE(c.state().running);
  EXPECT_EQ(c.updates.load(), 0);
  c.worker.run(7);
  ASSERT_TRUE(c.wait([](const WorkerState& w, int n) { return n == 7 && !w.running; }));
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(c.read_count(), 7);
  EXPECT_EQ(c.stops.load(), 1) << "running stopped once";
  EXPECT_GE(c.updates.load(), 1) << "the app is told when running stops";
  EXPECT_GT(c.state().seconds, 0.0);
}

TEST(TrainingWorker, NothingLandsOnceAPauseSaysNotRunning) {
  Counter c;
  c.unit_time = 2ms;
  c.worker.start();
  ASSERT_TRUE(c.wait([](const WorkerState&, int n) { return n >= 5; }));
  c.worker.pause();
  ASSERT_TRUE(c.wait([](const WorkerState& w, int) { return !w.running; }));
  const int paused_at = c.read_count();
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(c.read_count(), paused_at);
  c.worker.start();
  ASSERT_TRUE(c.wait([&](const WorkerState&, int n) { return n > paused_at; }));
}

// run(n) given while a unit is in flight (published or not) runs n more after it.
TEST(TrainingWorker, RunNGivenWhileRunningCountsFromTheNextUnit) {
  Counter c;
  c.unit_time = 20ms;
  c.worker.start();
  ASSERT_TRUE(c.wait([](const WorkerState&, int n) { return n >= 2; }));
  const int at = c.read_count();
  c.worker.run(3);
  ASSERT_TRUE(c.wait([](const WorkerState& w, int) { return !w.running; }));
  EXPECT_GE(c.read_count(), at + 3);
  EXPECT_LE(c.read_count(), at + 4);  // + the unit in flight
}

TEST(TrainingWorker, AFinishedJobWaitsForAReset) {
  Counter c;
  c.limit = 4;
  c.worker.start();
  ASSERT_TRUE(c.wait([](const WorkerState& w, int) { return w.finished && !w.running; }));
  EXPECT_EQ(c.read_count(), 4);
  c.worker.start();  // refused: finished
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(c.read_count(), 4);
  const int updates = c.updates.load();
  c.worker.reset();
  ASSERT_TRUE(c.wait([](const WorkerState& w, int n) { return n == 0 && !w.finished; }));
  EXPECT_EQ(c.restarts.load(), 1);
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  while (c.updates.load() == updates && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(1ms);
  EXPECT_GT(c.updates.load(), updates) << "a reset is drawn";
  c.worker.run(2);
  ASSERT_TRUE(c.wait([](const WorkerState& w, int n) { return n == 2 && !w.running; }));
}

TEST(TrainingWorker, ThePaceIsKept) {
  Counter c;
  c.worker.set_speed(50);  // 20 ms a unit at least: 5 units take 80 ms or more
  const auto start = std::chrono::steady_clock::now();
  c.worker.run(5);
  ASSERT_TRUE(c.wait([](const WorkerState& w, int n) { return n == 5 && !w.running; }));
  EXPECT_GE(std::chrono::steady_clock::now() - start, 80ms);
  // A pause ends the wait for the next unit at once.
  c.worker.set_speed(0.01);  // one unit a hundred seconds from the last
  c.worker.start();
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(c.read_count(), 5);
  const auto paused = std::chrono::steady_clock::now();
  c.worker.pause();
  ASSERT_TRUE(c.wait([](const WorkerState& w, int) { return !w.running; }));
  EXPECT_LT(std::chrono::steady_clock::now() - paused, 10s);
  EXPECT_EQ(c.read_count(), 5);
}

}  // namespace
}  // namespace al
