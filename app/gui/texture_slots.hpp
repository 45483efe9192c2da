// OpenGL textures for the images a figure draws (heatmaps), one per image slot of a figure view.
// A slot keeps its texture between frames and re-uploads only when the image's key changes, so
// a heatmap that did not change costs nothing per frame.
#pragma once

#include <cstdint>
#include <vector>

#include "app/figure/canvas.hpp"

namespace al::gui {

class TextureSlots {
 public:
  TextureSlots() = default;
  TextureSlots(const TextureSlots&) = delete;
  TextureSlots& operator=(const TextureSlots&) = delete;
  ~TextureSlots();  // needs the GL context that created the textures to be current

  // The GL texture name holding `image` in slot `slot` (0, 1, ... in drawing order), uploading
  // it first if the slot held something else. Nearest-neighbour filtering keeps cells crisp.
  unsigned int texture(int slot, const fig::Image& image);
  // The texture of slot `slot` if it holds the image of key `key`, else 0.
  unsigned int cached(int slot, std::uint64_t key) const;

 private:
  struct Slot {
    unsigned int name = 0;
    std::uint64_t key = 0;
    int width = 0, height = 0;
  };
  std::vector<Slot> slots_;
};

}  // namespace al::gui
