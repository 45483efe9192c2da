// Colormaps: the published end colours and lightness that rises (or falls) monotonically.
#include <gtest/gtest.h>

#include <cmath>

#include "app/figure/colormap.hpp"

namespace al::fig {
namespace {

void expect_rgb(Color c, int r, int g, int b) {
  EXPECT_EQ(std::lround(c.r * 255), r);
  EXPECT_EQ(std::lround(c.g * 255), g);
  EXPECT_EQ(std::lround(c.b * 255), b);
  EXPECT_EQ(c.a, 1.0f);
}

TEST(Colormap, EndColours) {
  expect_rgb(colormap_color(Colormap::Reds, 0), 0xff, 0xf5, 0xf0);
  expect_rgb(colormap_color(Colormap::Reds, 1), 0x67, 0x00, 0x0d);
  expect_rgb(colormap_color(Colormap::Blues, 0), 0xf7, 0xfb, 0xff);
  expect_rgb(colormap_color(Colormap::Blues, 1), 0x08, 0x30, 0x6b);
  expect_rgb(colormap_color(Colormap::Viridis, 0), 0x44, 0x01, 0x54);
  expect_rgb(colormap_color(Colormap::Viridis, 1), 0xfd, 0xe7, 0x25);
  expect_rgb(colormap_color(Colormap::Magma, 0), 0x00, 0x00, 0x04);
  expect_rgb(colormap_color(Colormap::Cividis, 1), 0xff, 0xea, 0x46);
}

TEST(Colormap, MidpointIsTheMiddleStop) {
  // t = 0.5 falls in entry 128, i.e. t = 128/255, just past the 5th stop (#21918c for viridis,
  // #fb6a4a for Reds); allow the one-entry offset.
  const Color v = colormap_color(Colormap::Viridis, 0.5);
  EXPECT_NEAR(v.r * 255, 0x21, 2);
  EXPECT_NEAR(v.g * 255, 0x91, 2);
  EXPECT_NEAR(v.b * 255, 0x8c, 2);
  const Color r = colormap_color(Colormap::Reds, 0.5);
  EXPECT_NEAR(r.r * 255, 0xfb, 2);
  EXPECT_NEAR(r.g * 255, 0x6a, 2);
  EXPECT_NEAR(r.b * 255, 0x4a, 2);
}

TEST(Colormap, ClampsAndNaN) {
  const Color lo = colormap_color(Colormap::Reds, 0), hi = colormap_color(Colormap::Reds, 1);
  const Color below = colormap_color(Colormap::Reds, -3), above = colormap_color(Colormap::Reds, 7);
  const Color nan = colormap_color(Colormap::Reds, std::nan(""));
  EXPECT_EQ(below.r, lo.r);
  EXPECT_EQ(nan.g, lo.g);
  EXPECT_EQ(above.b, hi.b);
}

// Relative luminance (WCAG): linearised sRGB weighted 0.2126, 0.7152, 0.0722.
double luminance(Color c) {
  const auto lin = [](double v) {
    return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

TEST(Colormap, MonotoneLightness) {
  for (Colormap map : {Colormap::Viridis, Colormap::Magma, Colormap::Cividis}) {
    double last = -1;
    for (int i = 0; i <= 255; ++i) {
      const double y = luminance(colormap_color(map, i / 255.0));
      EXPECT_GE(y, last - 1e-6) << name(map) << " at " << i;
      last = y;
    }
  }
  for (Colormap map : {Colormap::Reds, Colormap::Blues}) {
    double last = 2;
    for (int i = 0; i <= 255; ++i) {
      const double y = luminance(colormap_color(map, i / 255.0));
      EXPECT_LE(y, last + 1e-6) << name(map) << " at " << i;
      last = y;
    }
  }
}

}  // namespace
}  // namespace al::fig
