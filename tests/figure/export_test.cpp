// Exporting figures: file formats (PNG size and magic, SVG, PDF, CSV) and atomic replacement.
#include <gtest/gtest.h>

#include <cstdint>

#include "app/figure/export.hpp"
#include "app/figure/figures.hpp"
#include "engine/atomic_file.hpp"
#include "engine/user_text.hpp"
#include "temp_dir.hpp"

namespace al::fig {
namespace {

using test::png_size;
using test::read_file;
using test::TempDir;

TEST(FormatFromPath, ExtensionsCaseInsensitive) {
  EXPECT_EQ(format_from_path("a/b.PNG"), Format::Png);
  EXPECT_EQ(format_from_path("x.svg"), Format::Svg);
  EXPECT_EQ(format_from_path("x.Pdf"), Format::Pdf);
  EXPECT_EQ(format_from_path("x.csv"), Format::Csv);
  EXPECT_EQ(format_from_path("x.jpg"), std::nullopt);
  EXPECT_EQ(format_from_path("png"), std::nullopt);
  EXPECT_EQ(check_format("r.txt"),
            "r.txt: unknown file type '.txt' (use .png, .svg, .pdf or .csv)");
  EXPECT_EQ(check_format("r.csv"), std::nullopt);
}

TEST(ExportFigure, PngIsNaturalSizeTimesScale) {
  TempDir dir;
  const Lab lab;
  const Figure f = regression_figure(lab, FigureContext{10});
  ASSERT_EQ(export_figure(f, dir.file("r1.png"), 1.0), std::nullopt);
  ASSERT_EQ(export_figure(f, dir.file("r2.png"), 2.0), std::nullopt);
  const std::string one = read_file(dir.file("r1.png")), two = read_file(dir.file("r2.png"));
  ASSERT_GT(one.size(), 24u);
  EXPECT_EQ(one.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_EQ(png_size(one), (std::pair<std::uint32_t, std::uint32_t>{560, 400}));
  EXPECT_EQ(png_size(two), (std::pair<std::uint32_t, std::uint32_t>{1120, 800}));
  EXPECT_EQ(dir.listing(), "r1.png r2.png");  // no temporary files left
}

TEST(ExportFigure, VectorFormatsAndCsv) {
  TempDir dir;
  const Lab lab;
  ASSERT_EQ(export_figure(attention_figure(lab, {}), dir.file("a.svg")), std::nullopt);
  ASSERT_EQ(export_figure(kernels_figure(lab.settings(), {}), dir.file("k.pdf")), std::nullopt);
  const Figure r = regression_figure(lab, {});
  ASSERT_EQ(export_figure(r, dir.file("r.csv")), std::nullopt);
  const std::string svg = read_file(dir.file("a.svg"));
  EXPECT_EQ(svg.rfind("<?xml", 0), 0u);
  EXPECT_NE(svg.find("<svg"), std::string::npos);
  EXPECT_NE(svg.find("width=\"520"), std::string::npos);
  EXPECT_EQ(read_file(dir.file("k.pdf")).rfind("%PDF-", 0), 0u);
  EXPECT_EQ(read_file(dir.file("r.csv")), table_to_csv(r.table));
}

TEST(ExportFigure, MissingDirectoryFailsWithAMessageAndNoFile) {
  TempDir dir;
  const std::string path = dir.file("missing/r.png");
  const auto error = export_figure(points_figure(Lab(), {}), path);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(*error, path + ": cannot write: there is no directory '" + dir.file("missing") + "'");
  EXPECT_EQ(dir.listing(), "");
}

TEST(ExportFigure, UnknownExtensionAndBadScale) {
  TempDir dir;
  const Figure f = points_figure(Lab(), {});
  EXPECT_NE(export_figure(f, dir.file("p.jpeg"))->find("unknown file type '.jpeg'"),
            std::string::npos);
  EXPECT_TRUE(export_figure(f, dir.file("p.png"), 0.0).has_value());
  EXPECT_EQ(dir.listing(), "");
}

TEST(AtomicFile, FailedWriteKeepsTheOldFile) {
  TempDir dir;
  const std::string path = dir.file("keep.png");
  test::write_text(path, "old");
  const auto error =
      write_path_atomic(path, [](const std::string& tmp) -> std::optional<std::string> {
        test::write_text(tmp, "partial");
        return "keep.png: cannot write: out of ink";
      });
  EXPECT_EQ(error, "keep.png: cannot write: out of ink");
  EXPECT_EQ(read_file(path), "old");
  EXPECT_EQ(dir.listing(), "keep.png");

  // A directory in the target's place: refused before anything is written.
  std::filesystem::create_directory(dir.file("taken.csv"));
  const auto blocked = export_figure(points_figure(Lab(), {}), dir.file("taken.csv"));
  ASSERT_TRUE(blocked.has_value());
  EXPECT_EQ(*blocked, quote_for_message(dir.file("taken.csv")) + " is a directory");
  EXPECT_EQ(dir.listing(), "keep.png taken.csv");
}

TEST(AtomicFile, ReplacesAnExistingFile) {
  TempDir dir;
  const std::string path = dir.file("a.txt");
  test::write_text(path, "old");
  ASSERT_EQ(write_file_atomic(path, "new contents"), std::nullopt);
  EXPECT_EQ(read_file(path), "new contents");
  EXPECT_EQ(dir.listing(), "a.txt");
}

}  // namespace
}  // namespace al::fig
