// GL texture upload for figure images (see texture_slots.hpp). glTexImage2D and friends are
// OpenGL 1.1 entry points exported by libGL itself, so no loader is needed here.
#include "texture_slots.hpp"

#include <GL/gl.h>

namespace al::gui {

TextureSlots::~TextureSlots() {
  for (const Slot& s : slots_)
    if (s.name != 0) glDeleteTextures(1, &s.name);
}

unsigned int TextureSlots::cached(int slot, std::uint64_t key) const {
  if (slot < 0 || slot >= static_cast<int>(slots_.size())) return 0;
  const Slot& s = slots_[slot];
  return s.name != 0 && s.key == key ? s.name : 0;
}

unsigned int TextureSlots::texture(int slot, const fig::Image& image) {
  if (static_cast<int>(slots_.size()) <= slot) slots_.resize(slot + 1);
  Slot& s = slots_[slot];
  const bool same =
      s.name != 0 && s.key == image.key && s.width == image.width && s.height == image.height;
  if (same) return s.name;
  if (s.name == 0) {
    glGenTextures(1, &s.name);
    glBindTexture(GL_TEXTURE_2D, s.name);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  } else {
    glBindTexture(GL_TEXTURE_2D, s.name);
  }
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);  // RGBA8 rows are always 4-byte aligned
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, image.width, image.height, 0, GL_RGBA, GL_UNSIGNED_BYTE,
               image.rgba.data());
  s.key = image.key;
  s.width = image.width;
  s.height = image.height;
  return s.name;
}

}  // namespace al::gui
