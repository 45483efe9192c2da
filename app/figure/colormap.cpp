// Colormap tables. Each map is a handful of sRGB stops; the 256-entry table is filled once, on
// first use, by interpolating between neighbouring stops (in sRGB for the ColorBrewer maps, as
// matplotlib does, and in OKLab for the perceptual maps, which follows their real tables more
// closely than an sRGB blend of 9 samples would).
#include "colormap.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

#include "palette.hpp"

namespace al::fig {
namespace {

constexpr int kLutSize = 256;
using Lut = std::array<Color, kLutSize>;
using Stops = std::array<std::uint32_t, 9>;

// ColorBrewer 9-class sequential schemes (matplotlib's Reds and Blues).
constexpr Stops kReds = {0xfff5f0, 0xfee0d2, 0xfcbba1, 0xfc9272, 0xfb6a4a,
                         0xef3b2c, 0xcb181d, 0xa50f15, 0x67000d};
constexpr Stops kBlues = {0xf7fbff, 0xdeebf7, 0xc6dbef, 0x9ecae1, 0x6baed6,
                          0x4292c6, 0x2171b5, 0x08519c, 0x08306b};
// matplotlib's 256-entry tables sampled at t = 0, 0.125, ..., 1.
constexpr Stops kViridis = {0x440154, 0x472d7b, 0x3b528b, 0x2c728e, 0x21918c,
                            0x28ae80, 0x5cc863, 0xaadc32, 0xfde725};
constexpr Stops kMagma = {0x000004, 0x1d1147, 0x51127c, 0x832681, 0xb73779,
                          0xe75263, 0xfb8761, 0xfec287, 0xfcfdbf};
constexpr Stops kCividis = {0x00204d, 0x06366e, 0x414d6b, 0x61646f, 0x7d7c78,
                            0x9b9477, 0xbcaf6f, 0xe0cb5e, 0xffea46};
// ColorBrewer 9-class RdBu from blue to red (matplotlib's RdBu_r): white at t = 0.5, so a
// difference drawn between -m and m is white where it is 0.
constexpr Stops kDiverging = {0x2166ac, 0x4393c3, 0x92c5de, 0xd1e5f0, 0xf7f7f7,
                              0xfddbc7, 0xf4a582, 0xd6604d, 0xb2182b};

struct Vec3 {
  double c[3];
};

// sRGB transfer function and its inverse (IEC 61966-2-1), channel values in [0, 1].
double srgb_to_linear(double v) {
  return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
}
double linear_to_srgb(double v) {
  return v <= 0.0031308 ? 12.92 * v : 1.055 * std::pow(v, 1.0 / 2.4) - 0.055;
}

// OKLab (Björn Ottosson, 2020): linear sRGB -> LMS cone response -> cube root -> Lab.
//   lms = M1 rgb,  (L, a, b) = M2 cbrt(lms)
Vec3 srgb_to_oklab(Color c) {
  const double r = srgb_to_linear(c.r), g = srgb_to_linear(c.g), b = srgb_to_linear(c.b);
  const double l = std::cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  const double m = std::cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  const double s = std::cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  return {{0.2104542553 * l + 0.7936177850 * m - 0.0040720468 * s,
           1.9779984951 * l - 2.4285922050 * m + 0.4505937099 * s,
           0.0259040371 * l + 0.7827717662 * m - 0.8086757660 * s}};
}

// The inverse: cbrt(lms) = M2^-1 Lab, cube, rgb = M1^-1 lms, then the sRGB transfer function.
Color oklab_to_srgb(const Vec3& lab) {
  const double L = lab.c[0], a = lab.c[1], b = lab.c[2];
  const double l = std::pow(L + 0.3963377774 * a + 0.2158037573 * b, 3);
  const double m = std::pow(L - 0.1055613458 * a - 0.0638541728 * b, 3);
  const double s = std::pow(L - 0.0894841775 * a - 1.2914855480 * b, 3);
  const auto channel = [](double v) {
    return static_cast<float>(std::clamp(linear_to_srgb(v), 0.0, 1.0));
  };
  return Color{channel(4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s),
               channel(-1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s),
               channel(-0.0041960863 * l - 0.7034186147 * m + 1.7076147010 * s), 1.0f};
}

Color lerp_srgb(Color a, Color b, double f) {
  const auto mix = [f](float x, float y) { return static_cast<float>(x + (y - x) * f); };
  return Color{mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b), 1.0f};
}

Color lerp_oklab(Color a, Color b, double f) {
  const Vec3 la = srgb_to_oklab(a), lb = srgb_to_oklab(b);
  Vec3 mixed;
  for (int i = 0; i < 3; ++i) mixed.c[i] = la.c[i] + (lb.c[i] - la.c[i]) * f;
  return oklab_to_srgb(mixed);
}

// Entry i samples t = i / 255: between stops k and k + 1 where k = floor(t * 8).
Lut build_lut(const Stops& stops, Color (*lerp)(Color, Color, double)) {
  Lut lut;
  const int segments = static_cast<int>(stops.size()) - 1;
  for (int i = 0; i < kLutSize; ++i) {
    const double pos = static_cast<double>(i) / (kLutSize - 1) * segments;
    const int k = std::min(static_cast<int>(pos), segments - 1);
    lut[i] = lerp(hex_color(stops[k]), hex_color(stops[k + 1]), pos - k);
  }
  return lut;
}

const Lut& lut_for(Colormap map) {
  static const Lut reds = build_lut(kReds, lerp_srgb);
  static const Lut blues = build_lut(kBlues, lerp_srgb);
  static const Lut viridis = build_lut(kViridis, lerp_oklab);
  static const Lut magma = build_lut(kMagma, lerp_oklab);
  static const Lut cividis = build_lut(kCividis, lerp_oklab);
  static const Lut diverging = build_lut(kDiverging, lerp_srgb);
  switch (map) {
    case Colormap::Reds:
      return reds;
    case Colormap::Blues:
      return blues;
    case Colormap::Viridis:
      return viridis;
    case Colormap::Magma:
      return magma;
    case Colormap::Cividis:
      return cividis;
    case Colormap::Diverging:
      return diverging;
  }
  return reds;
}

}  // namespace

// matplotlib's lookup: index floor(t * 256), with t = 1 falling into the last entry.
Color colormap_color(Colormap map, double t) {
  if (!(t > 0.0)) t = 0.0;  // also NaN
  const int index = std::min(static_cast<int>(std::min(t, 1.0) * kLutSize), kLutSize - 1);
  return lut_for(map)[index];
}

Color colormap_highlight(Colormap map) {
  switch (map) {
    case Colormap::Reds:
      return palette::kTruth;  // blue on reds
    case Colormap::Blues:
      return hex_color(0xd62728);
    case Colormap::Viridis:
    case Colormap::Cividis:
      return hex_color(0xe41a1c);
    case Colormap::Magma:
      return hex_color(0x00e5ff);
    case Colormap::Diverging:
      return hex_color(0x222222);  // dark on both blue and red ends and on white
  }
  return palette::kTruth;
}

}  // namespace al::fig
