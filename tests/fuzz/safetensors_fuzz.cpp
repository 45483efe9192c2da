// libFuzzer target for the model-file reader (build: see engine/transformer/CMakeLists.txt).
// Every input is read as a whole model file and as a JSON text; both must fail cleanly or succeed,
// under AddressSanitizer and UndefinedBehaviorSanitizer. A model that loads must also decode (its
// shapes really agree with its config), and a JSON text that parses must write back to text that
// parses to the same writing (the writer and reader agree).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "engine/transformer/decode.hpp"
#include "engine/transformer/json.hpp"
#include "engine/transformer/model_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto model = al::tf::load_model_from_bytes({data, size});
  if (model.ok()) {
    const std::vector<int> first_token = {0};
    (void)al::tf::greedy_decode(model.value(), first_token, 2);
  }

  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto value = al::tf::json::parse(text, 1 << 20);
  if (value.ok()) {
    const std::string once = al::tf::json::dump(value.value());
    const auto again = al::tf::json::parse(once, 1 << 22);
    if (!again.ok() || al::tf::json::dump(again.value()) != once) std::abort();
  }
  return 0;
}
