// The safetensors container (the format Hugging Face and PyTorch users exchange weights in):
//   bytes 0–7   N, the length of the header, a little-endian unsigned 64-bit integer
//   bytes 8…    the header: a JSON object, optionally padded with spaces,
//                 { "__metadata__": { "key": "string", … },
//                   "tensor name": { "dtype": "F32", "shape": [rows, cols], "data_offsets": [b, e]
//                   }, … }
//   the rest    the data section: raw little-endian tensors, row-major; [b, e) is relative to it
//
// parse() checks the whole header before any tensor is read, so a hostile file is rejected with
// one line naming the problem and never causes a read outside the buffer: header length beyond
// the file or over 100 MB, invalid JSON, an unknown dtype, a shape whose size does not match its
// byte range, ranges outside the data section, overlapping or leaving bytes unused (as the
// reference implementation requires). Weights may be F32, F16 or BF16; they are read as float.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "engine/expected.hpp"
#include "engine/json_reader.hpp"

namespace al::tf::safetensors {

inline constexpr std::uint64_t kMaxHeaderBytes = 100'000'000;
// The header's JSON (and the model config, a JSON string inside it) is read within these limits.
// A header is three levels deep and holds about eight values per tensor; a config's largest
// parts are its vocabularies, a value per token. Beyond them a hostile header could take many
// times its size in memory as it is built.
inline constexpr JsonLimits kHeaderLimits{
    .max_bytes = kMaxHeaderBytes, .max_values = std::size_t{1} << 20, .max_depth = 8};

enum class DType { F32, F16, BF16 };
const char* name(DType t);
std::size_t size_of(DType t);  // bytes per element

struct TensorInfo {
  std::string name;
  DType dtype = DType::F32;
  std::vector<std::int64_t> shape;
  std::size_t begin = 0, end = 0;  // byte range in the data section
  std::int64_t elements() const;   // product of the shape (1 for a scalar)
};

// A parsed file. `data` points into the bytes given to parse(), which must outlive it.
struct File {
  std::map<std::string, std::string> metadata;
  std::map<std::string, TensorInfo> tensors;  // by name
  std::span<const std::uint8_t> data;

  const TensorInfo* find(const std::string& tensor) const;
  // The tensor's elements converted to float, row-major (size elements()).
  std::vector<float> read(const TensorInfo& t) const;
};

Expected<File> parse(std::span<const std::uint8_t> bytes);

// "[rows, cols]", for messages.
std::string shape_text(const std::vector<std::int64_t>& shape);

// IEEE half (1 sign, 5 exponent, 10 mantissa bits) and bfloat16 (the top half of a float) to
// float, exactly: every value of both formats is a float, subnormals, infinities and NaN included.
float half_to_float(std::uint16_t bits);
float bfloat16_to_float(std::uint16_t bits);

// A tensor to write: F32, row-major.
struct OutTensor {
  std::string name;
  std::vector<std::int64_t> shape;
  std::vector<float> values;
};

// A complete file: header (padded with spaces to a multiple of 8 bytes, as the reference writer
// does, so the data section stays aligned) and F32 data in the given tensor order. Metadata values
// and names must be valid UTF-8: JSON strings are Unicode, and the writer throws
// nlohmann::json::type_error on other bytes.
std::string serialize(const std::map<std::string, std::string>& metadata,
                      const std::vector<OutTensor>& tensors);

}  // namespace al::tf::safetensors
