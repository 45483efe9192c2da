// A list of points that covers a whole training run in a bounded number of points, for curves
// that a window draws while the run goes on for hours.
#pragma once

#include <cstddef>
#include <vector>

namespace al {

// At most `capacity` points (even, at least 2): while there is room every point is kept; when it
// is full, every other point is dropped and from then on only every second (fourth, …) new one is
// kept, so the points stay evenly spaced from the first on: the arrivals 0, stride, 2·stride, …
// are kept.
template <class Point>
class Thinned {
 public:
  explicit Thinned(std::size_t capacity) : capacity_(capacity) {}
  void add(const Point& p) {
    if (arrivals_++ % stride_ != 0) return;
    // Full: keep points 0, 2, 4, …, the arrivals 0, 2·stride, …, (capacity − 2)·stride. The one
    // arriving now, capacity·stride, is a multiple of the doubled stride since capacity is even.
    if (points_.size() == capacity_) {
      for (std::size_t i = 0; i < capacity_ / 2; ++i) points_[i] = points_[2 * i];
      points_.resize(capacity_ / 2);
      stride_ *= 2;
    }
    points_.push_back(p);
  }
  const std::vector<Point>& points() const { return points_; }

 private:
  std::size_t capacity_, stride_ = 1, arrivals_ = 0;
  std::vector<Point> points_;
};

// A trainer's lists hold at most this many points each (240 kB for a list of three numbers).
inline constexpr std::size_t kMaxHistoryPoints = 10000;

}  // namespace al
