// export_figure: picks the format from the extension, renders PNG, SVG or PDF through Cairo (or
// writes the table as CSV), always into a temporary file that is renamed into place.
#include "export.hpp"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>

#include "cairo_canvas.hpp"
#include "engine/atomic_file.hpp"
#include "layout.hpp"
#include "number_format.hpp"

namespace al::fig {
namespace {

std::string extension_of(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

std::optional<std::string> cairo_failure(const std::string& path, cairo_status_t status) {
  if (status == CAIRO_STATUS_SUCCESS) return std::nullopt;
  return path + ": cannot write: " + cairo_status_to_string(status);
}

// Draws the figure over the whole surface of `width` x `height` units. Returns the first error
// Cairo reports.
std::optional<std::string> draw(const Figure& figure, cairo_surface_t* surface, double width,
                                double height, const Style& style, const std::string& path) {
  if (auto error = cairo_failure(path, cairo_surface_status(surface))) return error;
  cairo_t* cr = cairo_create(surface);
  {
    CairoCanvas canvas(cr);
    draw_figure(figure, canvas, Rect{0, 0, width, height}, style);
  }
  const cairo_status_t drawn = cairo_status(cr);
  cairo_destroy(cr);
  return cairo_failure(path, drawn);
}

// PNG: natural size x scale pixels, everything drawn `scale` times larger.
std::optional<std::string> write_png(const Figure& figure, const std::string& tmp,
                                     const Style& style, const std::string& path) {
  const int w = std::max(1, static_cast<int>(std::lround(figure.width * style.scale)));
  const int h = std::max(1, static_cast<int>(std::lround(figure.height * style.scale)));
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
  std::optional<std::string> error = draw(figure, surface, w, h, style, path);
  if (!error) error = cairo_failure(path, cairo_surface_write_to_png(surface, tmp.c_str()));
  cairo_surface_destroy(surface);
  return error;
}

// SVG and PDF: the natural size in points.
std::optional<std::string> write_vector(const Figure& figure, const std::string& tmp, Format format,
                                        double font_size, const std::string& path) {
  cairo_surface_t* surface =
      format == Format::Svg ? cairo_svg_surface_create(tmp.c_str(), figure.width, figure.height)
                            : cairo_pdf_surface_create(tmp.c_str(), figure.width, figure.height);
  if (format == Format::Pdf && cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS)
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, figure.name.c_str());
  std::optional<std::string> error =
      draw(figure, surface, figure.width, figure.height, Style{1.0, font_size}, path);
  // Finishing writes the rest of the file; its errors show in the surface's status.
  cairo_surface_finish(surface);
  if (!error) error = cairo_failure(path, cairo_surface_status(surface));
  cairo_surface_destroy(surface);
  return error;
}

}  // namespace

std::optional<Format> format_from_path(const std::string& path) {
  const std::string ext = extension_of(path);
  if (ext == ".png") return Format::Png;
  if (ext == ".svg") return Format::Svg;
  if (ext == ".pdf") return Format::Pdf;
  if (ext == ".csv") return Format::Csv;
  return std::nullopt;
}

std::optional<std::string> check_format(const std::string& path) {
  if (format_from_path(path)) return std::nullopt;
  const std::string ext = extension_of(path);
  return path + ": unknown file type " + (ext.empty() ? "(no extension)" : "'" + ext + "'") +
         " (use .png, .svg, .pdf or .csv)";
}

std::optional<std::string> export_figure(const Figure& figure, const std::string& path,
                                         double scale, double font_size) {
  if (auto error = check_format(path)) return error;
  const Format format = *format_from_path(path);
  if (!(scale > 0.0) || scale > 16.0)
    return path + ": cannot write: scale " + shortest_number(scale) + " is out of range (0 to 16)";
  if (format == Format::Csv) return write_file_atomic(path, table_to_csv(figure.table));
  return write_path_atomic(path, [&](const std::string& tmp) {
    return format == Format::Png ? write_png(figure, tmp, Style{scale, font_size}, path)
                                 : write_vector(figure, tmp, format, font_size, path);
  });
}

}  // namespace al::fig
