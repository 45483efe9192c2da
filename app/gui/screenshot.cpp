// Back-buffer read-out and PNG writing (see screenshot.hpp). stb_image_write comes compiled in
// Debian's libstb.
#include "screenshot.hpp"

#include <GL/gl.h>
#include <stb_image_write.h>

#include <cstring>

#include "engine/atomic_file.hpp"

namespace al::gui {

fig::Image read_back_buffer(int width, int height) {
  fig::Image image;
  image.width = width;
  image.height = height;
  std::vector<std::uint8_t> bottom_up(static_cast<std::size_t>(width) * height * 4);
  glReadBuffer(GL_BACK);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, bottom_up.data());
  // GL's rows start at the bottom; images start at the top. The window is opaque, whatever
  // alpha blending left in the buffer.
  image.rgba.resize(bottom_up.size());
  const std::size_t row = static_cast<std::size_t>(width) * 4;
  for (int y = 0; y < height; ++y)
    std::memcpy(&image.rgba[static_cast<std::size_t>(y) * row],
                &bottom_up[static_cast<std::size_t>(height - 1 - y) * row], row);
  for (std::size_t i = 3; i < image.rgba.size(); i += 4) image.rgba[i] = 255;
  return image;
}

std::optional<std::string> write_png(const fig::Image& image, const std::string& path) {
  return write_path_atomic(path, [&](const std::string& tmp) -> std::optional<std::string> {
    if (stbi_write_png(tmp.c_str(), image.width, image.height, 4, image.rgba.data(),
                       image.width * 4) == 0)
      return path + ": cannot write the PNG file";
    return std::nullopt;
  });
}

}  // namespace al::gui
