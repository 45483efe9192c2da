// The lab: defaults, what each kind of change recomputes, rejected changes leaving the state
// alone, CSV data, point editing and training limits.
#include "engine/kernel_regression/lab.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace al {
namespace {

const std::string kData = AL_TEST_DATA;

bool all_finite(const Eigen::VectorXd& v) {
  return v.allFinite();
}

TEST(Lab, DefaultsAreTheBooksOldEdition) {
  const Lab lab;
  EXPECT_EQ(lab.data().x.size(), 50u);
  EXPECT_EQ(lab.data().queries.size(), 50u);
  EXPECT_EQ(lab.data().source, "generated");
  EXPECT_TRUE(std::is_sorted(lab.data().x.begin(), lab.data().x.end()));
  for (const Estimate* e : {&lab.average(), &lab.nadaraya_watson(), &lab.parametric()}) {
    EXPECT_EQ(e->weights.rows(), 50);
    EXPECT_EQ(e->weights.cols(), 50);
    EXPECT_TRUE(all_finite(e->prediction));
  }
  EXPECT_EQ(lab.trainer().epoch(), 5);
  EXPECT_EQ(lab.trainer().w0(), default_w0(1));
  EXPECT_TRUE(lab.training_message().empty());
  EXPECT_EQ(&lab.estimate(Estimator::Average), &lab.average());
  EXPECT_EQ(&lab.estimate(Estimator::NadarayaWatson), &lab.nadaraya_watson());
  EXPECT_EQ(&lab.estimate(Estimator::Parametric), &lab.parametric());
  // The parametric curve is the Gaussian estimator at the learned w, over every point.
  const Estimate p = nadaraya_watson(lab.data().queries, lab.data().x, lab.data().y,
                                     Kernel::Gaussian, lab.trainer().w());
  EXPECT_EQ(p.prediction, lab.parametric().prediction);
}

TEST(Lab, KernelWidthChangesOnlyNadarayaWatson) {
  Lab lab;
  const Eigen::VectorXd average = lab.average().prediction, nw = lab.nadaraya_watson().prediction,
                        parametric = lab.parametric().prediction;
  ASSERT_FALSE(lab.set("kernel.w", "3"));
  EXPECT_EQ(lab.settings().kernel_w, 3.0);
  EXPECT_EQ(lab.average().prediction, average);
  EXPECT_EQ(lab.parametric().prediction, parametric);
  EXPECT_NE(lab.nadaraya_watson().prediction, nw);
  // Boxcar at w = 1: query 0 does not reach the last key (x near 5).
  ASSERT_FALSE(lab.set("kernel", "boxcar"));
  EXPECT_EQ(lab.nadaraya_watson().weights(0, 49), 0.0);
  EXPECT_EQ(lab.average().prediction, average);
}

TEST(Lab, EstimatesAreRecomputedIntoTheSameStorage) {
  // Dragging kernel.w or playing training recomputes an estimate of the same shape many times a
  // second; writing into the same matrix avoids touching fresh memory every time.
  Lab lab;
  const float* nw = lab.nadaraya_watson().weights.data();
  const float* parametric = lab.parametric().weights.data();
  ASSERT_FALSE(lab.set("kernel.w", "3"));
  ASSERT_FALSE(lab.set("train.epochs", "6"));
  EXPECT_EQ(lab.nadaraya_watson().weights.data(), nw);
  EXPECT_EQ(lab.parametric().weights.data(), parametric);
  // ... and the parametric estimate is still the Gaussian at the learned w.
  const Estimate p = nadaraya_watson(lab.data().queries, lab.data().x, lab.data().y,
                                     Kernel::Gaussian, lab.trainer().w());
  EXPECT_EQ(p.prediction, lab.parametric().prediction);
  EXPECT_EQ(p.weights, lab.parametric().weights);
}

TEST(Lab, RejectedChangesLeaveEverythingAsItWas) {
  Lab lab;
  const Settings before = lab.settings();
  const std::vector<double> x = lab.data().x;
  EXPECT_TRUE(lab.set("kernel.w", "0").value_or("").starts_with("kernel.w: '0' is out of range"));
  EXPECT_TRUE(lab.set("data.x_min", "-1"));  // x^0.8 is undefined there
  EXPECT_EQ(lab.set("data.query_max", "0").value_or(""),
            "data.query_max: 0 must be greater than data.query_min (0)");
  EXPECT_EQ(lab.set("data.x_max", "-2").value_or(""),
            "data.x_max: -2 must be greater than data.x_min (0)");
  const std::string missing = kData + "/no_such_file.csv";
  EXPECT_EQ(lab.set("data.csv", missing).value_or(""),
            missing + ": cannot open: No such file or directory");
  EXPECT_EQ(lab.set("data.csv", kData + "/bad_nan.csv").value_or(""),
            kData + "/bad_nan.csv:3: y 'nan' is not a number");
  EXPECT_EQ(lab.settings(), before);
  EXPECT_EQ(lab.data().x, x);
  EXPECT_EQ(lab.data().source, "generated");
}

TEST(Lab, UndefinedDomainIsNamed) {
  Lab lab;
  const auto err = lab.set("data.x_min", "-1");
  ASSERT_TRUE(err);
  EXPECT_TRUE(err->starts_with("data.x_min: f(x) = 2 sin x + x^0.8 is undefined at x = -")) << *err;
  EXPECT_TRUE(err->ends_with("; use data.x_min >= 0 or another data.function")) << *err;
  ASSERT_FALSE(lab.update([&] {  // another function is defined there
    Settings s = lab.settings();
    s.data_function = TargetFunction::Sin;
    s.data_x_min = -1;
    return s;
  }()));
  EXPECT_LT(lab.data().x.front(), 0.0);
}

TEST(Lab, TooManyWeightsAreRefused) {
  Lab lab;
  ASSERT_FALSE(lab.set("data.n_train", "100000"));       // 100000 x 50 queries: fine
  const auto err = lab.set("data.query_step", "0.001");  // 5000 queries
  EXPECT_EQ(
      err.value_or(""),
      "data.query_step: 100000 training points x 5000 queries is more than 25000000 attention "
      "weights; use fewer points or a larger data.query_step");
  EXPECT_EQ(lab.data().queries.size(), 50u);
  Settings fine = lab.settings();
  fine.query_max = 1000;
  fine.query_step = 1e-4;
  EXPECT_EQ(lab.update(fine).value_or(""),
            "data.query_step: 0.0001 gives more than 1000000 queries from data.query_min to "
            "data.query_max");
}

TEST(Lab, LoadsACsvWithUnknownTruth) {
  Lab lab;
  const std::string path = kData + "/points_no_header.csv";
  ASSERT_FALSE(lab.set("data.csv", path));
  EXPECT_EQ(lab.data().source, "csv " + path);
  EXPECT_EQ(lab.data().x, (std::vector<double>{1, 2, 3}));
  EXPECT_EQ(lab.data().y, (std::vector<double>{10, 20, 30}));
  EXPECT_TRUE(std::all_of(lab.data().truth.begin(), lab.data().truth.end(),
                          [](double t) { return std::isnan(t); }));
  EXPECT_EQ(lab.average().prediction[0], 20.0);
  EXPECT_EQ(lab.trainer().epoch(), 5);
  // Editing them keeps the truth unknown, and a new query grid too.
  EXPECT_EQ(lab.add_point(1.5, 15), 1);
  EXPECT_EQ(lab.data().source, "edited");
  EXPECT_TRUE(lab.settings().data_csv.empty());
  ASSERT_FALSE(lab.set("data.query_step", "0.5"));
  EXPECT_EQ(lab.data().x.size(), 4u);
  EXPECT_TRUE(std::isnan(lab.data().truth[3]));
  // Creating a lab with an unreadable CSV fails with the file's message.
  Settings bad;
  bad.data_csv = kData + "/bad_three_columns.csv";
  const auto created = Lab::create(bad);
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error(), bad.data_csv + ":3: expected 2 columns (x,y), found 3");
}

TEST(Lab, PointEditingKeepsSortedOrderAndRetrains) {
  Lab lab;
  const double w_before = lab.trainer().w();
  const int i = lab.add_point(2.5, 10.0);
  ASSERT_GE(i, 0);
  EXPECT_EQ(lab.data().x[static_cast<std::size_t>(i)], 2.5);
  EXPECT_EQ(lab.data().y[static_cast<std::size_t>(i)], 10.0);
  EXPECT_EQ(lab.data().x.size(), 51u);
  EXPECT_TRUE(std::is_sorted(lab.data().x.begin(), lab.data().x.end()));
  EXPECT_EQ(lab.data().source, "edited");
  EXPECT_FALSE(std::isnan(lab.data().truth[10]));  // edits of generated data keep f
  EXPECT_EQ(lab.nadaraya_watson().weights.cols(), 51);
  EXPECT_EQ(lab.trainer().epoch(), 5);
  EXPECT_NE(lab.trainer().w(), w_before);

  const int j = lab.move_point(i, 4.999, -1.0);
  EXPECT_EQ(lab.data().x[static_cast<std::size_t>(j)], 4.999);
  EXPECT_GT(j, i);
  EXPECT_TRUE(std::is_sorted(lab.data().x.begin(), lab.data().x.end()));
  EXPECT_EQ(lab.move_point(j, -0.5, 1.0), 0);
  EXPECT_EQ(lab.move_point(1000, 1.0, 1.0), -1);
  EXPECT_EQ(lab.add_point(std::nan(""), 1.0), -1);
  EXPECT_EQ(lab.data().x.size(), 51u);

  lab.delete_point(0);
  EXPECT_EQ(lab.data().x.size(), 50u);
  lab.delete_point(-1);
  EXPECT_EQ(lab.data().x.size(), 50u);

  // A query-grid change keeps the edited points.
  ASSERT_FALSE(lab.set("data.query_step", "0.05"));
  EXPECT_EQ(lab.data().queries.size(), 100u);
  EXPECT_EQ(lab.data().source, "edited");
  // A new seed draws new data and drops the edits.
  ASSERT_FALSE(lab.set("data.seed", "2"));
  EXPECT_EQ(lab.data().source, "generated");
}

TEST(Lab, SetPointsValidates) {
  Lab lab;
  EXPECT_EQ(lab.set_points({}, {}).value_or(""), "points: at least one training point is needed");
  EXPECT_EQ(lab.set_points({1, INFINITY}, {1, 2}).value_or(""), "point 2: x is not finite");
  EXPECT_EQ(lab.set_points({1, 2}, {NAN, 2}).value_or(""), "point 1: y is not finite");
  EXPECT_EQ(lab.set_points({1, 2}, {1}).value_or(""), "points: 2 x values but 1 y values");
  EXPECT_EQ(lab.data().x.size(), 50u);
  ASSERT_FALSE(lab.set_points({3, 1}, {30, 10}));
  EXPECT_EQ(lab.data().x, (std::vector<double>{1, 3}));
  EXPECT_EQ(lab.data().y, (std::vector<double>{10, 30}));
  // One point: nothing to train on (each point is predicted from the others), and it stays.
  ASSERT_FALSE(lab.set_points({2}, {5}));
  EXPECT_EQ(lab.trainer().epoch(), 0);
  EXPECT_TRUE(lab.training_message().starts_with("not trained")) << lab.training_message();
  EXPECT_EQ(lab.parametric().prediction[0], 5.0);
  lab.delete_point(0);
  EXPECT_EQ(lab.data().x.size(), 1u);
  lab.regenerate();
  EXPECT_EQ(lab.data().x.size(), 50u);
  EXPECT_EQ(lab.data().source, "generated");
  EXPECT_TRUE(lab.training_message().empty());
}

TEST(Lab, EpochsContinueOrStartOver) {
  Lab lab;
  const auto five = lab.trainer().history();
  ASSERT_FALSE(lab.set("train.epochs", "8"));
  ASSERT_EQ(lab.trainer().epoch(), 8);
  for (std::size_t e = 0; e < 5; ++e) EXPECT_EQ(lab.trainer().history()[e].w, five[e].w);
  const auto eight = lab.trainer().history();
  ASSERT_FALSE(lab.set("train.epochs", "3"));
  ASSERT_EQ(lab.trainer().epoch(), 3);
  for (std::size_t e = 0; e < 3; ++e) EXPECT_EQ(lab.trainer().history()[e].w, eight[e].w);
  // A new learning rate applies from the next epoch, without starting over.
  ASSERT_FALSE(lab.set("train.lr", "0.1"));
  EXPECT_EQ(lab.trainer().epoch(), 3);
  EXPECT_EQ(lab.trainer().learning_rate(), 0.1);
  ASSERT_FALSE(lab.set("train.epochs", "4"));
  EXPECT_EQ(lab.trainer().history()[2].w, eight[2].w);
  EXPECT_NE(lab.trainer().history()[3].w, eight[3].w);
  // A new w0 starts over.
  ASSERT_FALSE(lab.set("train.w0", "2"));
  EXPECT_EQ(lab.trainer().w0(), 2.0);
  EXPECT_EQ(lab.trainer().epoch(), 4);
  ASSERT_FALSE(lab.set("train.epochs", "0"));
  EXPECT_EQ(lab.trainer().w(), 2.0);
}

TEST(Lab, DivergenceIsReportedAndTheLastFiniteWIsUsed) {
  // y in the thousands makes the gradient huge: at lr 1000 the first step throws w past 1e6.
  Lab lab;
  std::vector<double> x, y;
  for (int i = 0; i < 20; ++i) {
    x.push_back(0.25 * i);
    y.push_back(i % 2 ? 5000.0 : -5000.0);
  }
  ASSERT_FALSE(lab.set("train.lr", "1000"));
  ASSERT_FALSE(lab.set_points(x, y));
  EXPECT_TRUE(
      lab.training_message().starts_with("training diverged at epoch 1 (learning rate 1000 "
                                         "is too large); kept w = "))
      << lab.training_message();
  EXPECT_EQ(lab.trainer().w(), lab.trainer().w0());
  EXPECT_TRUE(all_finite(lab.parametric().prediction));
  // A smaller learning rate is the way out: training starts over.
  ASSERT_FALSE(lab.set("train.lr", "1e-9"));
  EXPECT_TRUE(lab.training_message().empty()) << lab.training_message();
  EXPECT_EQ(lab.trainer().epoch(), 5);
}

TEST(Lab, TooManyPointsAreNotTrained) {
  Lab lab;
  ASSERT_FALSE(lab.set("data.n_train", std::to_string(kMaxTrainingPoints + 1)));
  EXPECT_EQ(lab.trainer().epoch(), 0);
  EXPECT_EQ(lab.training_message(),
            "not trained: 20001 points is more than 20000 (each epoch costs n^2); the parametric "
            "curve uses w0");
  EXPECT_EQ(lab.trainer().w(), default_w0(1));
  EXPECT_TRUE(all_finite(lab.parametric().prediction));
  ASSERT_FALSE(lab.set("data.n_train", "50"));
  EXPECT_TRUE(lab.training_message().empty());
}

TEST(Lab, UpdateAppliesPresetsBeforeTheKeysTheySet) {
  Lab lab;
  Settings next = lab.settings();
  ASSERT_FALSE(apply_setting(next, "data.preset", "d2l-v1"));
  ASSERT_FALSE(apply_setting(next, "data.n_train", "50"));  // back to the old preset's count
  ASSERT_FALSE(lab.update(next));
  EXPECT_EQ(lab.settings(), next);
  EXPECT_EQ(lab.data().x.size(), 50u);
  ASSERT_FALSE(lab.set("data.preset", "d2l-v1"));
  EXPECT_EQ(lab.data().x.size(), 40u);
  const auto created = Lab::create(next);
  ASSERT_TRUE(created);
  EXPECT_EQ(created.value().settings(), next);
  EXPECT_EQ(created.value().data().x.size(), 50u);
}

TEST(Lab, ViewKeysChangeNoNumbers) {
  Lab lab;
  const Eigen::VectorXd nw = lab.nadaraya_watson().prediction;
  ASSERT_FALSE(lab.set("view.colormap", "viridis"));
  ASSERT_FALSE(lab.set("view.query", "3"));
  EXPECT_EQ(lab.nadaraya_watson().prediction, nw);
  EXPECT_EQ(lab.settings().view_query, 3);
}

}  // namespace
}  // namespace al
