// Window screenshots: the rendered back buffer as an image, and PNG files written atomically.
#pragma once

#include <optional>
#include <string>

#include "app/figure/canvas.hpp"

namespace al::gui {

// The current GL context's back buffer, `width` x `height` framebuffer pixels, top row first.
// Call after rendering and before swapping buffers (the back buffer is undefined after a swap).
fig::Image read_back_buffer(int width, int height);

// Writes `image` as PNG to `path` (temporary file, then rename); the error names the path.
std::optional<std::string> write_png(const fig::Image& image, const std::string& path);

}  // namespace al::gui
