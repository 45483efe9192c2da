// Checking safetensors headers, converting tensor data to float, and writing F32 files. Bytes are
// assembled explicitly as little-endian, so the code does not depend on the machine's byte order.
#include "engine/transformer/safetensors.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <optional>

#include "engine/json_reader.hpp"
#include "engine/user_text.hpp"

namespace al::tf::safetensors {

const char* name(DType t) {
  switch (t) {
    case DType::F32:
      return "F32";
    case DType::F16:
      return "F16";
    case DType::BF16:
      return "BF16";
  }
  return "";
}

std::size_t size_of(DType t) {
  return t == DType::F32 ? 4 : 2;
}

std::int64_t TensorInfo::elements() const {
  std::int64_t n = 1;
  for (std::int64_t d : shape) n *= d;
  return n;
}

const TensorInfo* File::find(const std::string& tensor) const {
  const auto it = tensors.find(tensor);
  return it == tensors.end() ? nullptr : &it->second;
}

// Subnormal halves are m · 2⁻²⁴; normal ones move their exponent from bias 15 to float's bias 127
// and their 10 mantissa bits to the top of float's 23.
float half_to_float(std::uint16_t bits) {
  const std::uint32_t sign = (bits >> 15) & 1u, exponent = (bits >> 10) & 0x1Fu,
                      mantissa = bits & 0x3FFu;
  if (exponent == 0) {
    const float magnitude = std::ldexp(static_cast<float>(mantissa), -24);
    return sign ? -magnitude : magnitude;
  }
  if (exponent == 31)
    return mantissa == 0 ? (sign ? -std::numeric_limits<float>::infinity()
                                 : std::numeric_limits<float>::infinity())
                         : std::numeric_limits<float>::quiet_NaN();
  return std::bit_cast<float>((sign << 31) | ((exponent - 15 + 127) << 23) | (mantissa << 13));
}

float bfloat16_to_float(std::uint16_t bits) {
  return std::bit_cast<float>(static_cast<std::uint32_t>(bits) << 16);
}

std::string shape_text(const std::vector<std::int64_t>& shape) {
  std::string s = "[";
  for (std::size_t i = 0; i < shape.size(); ++i)
    s += (i > 0 ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

namespace {

std::uint64_t load_le(const std::uint8_t* p, int bytes) {
  std::uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

void store_le(std::string& out, std::uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFFu);
}

std::optional<DType> parse_dtype(const std::string& s) {
  if (s == "F32") return DType::F32;
  if (s == "F16") return DType::F16;
  if (s == "BF16") return DType::BF16;
  return std::nullopt;
}

// A non-negative integer array, or nothing.
std::optional<std::vector<std::int64_t>> counts(const nlohmann::json& v) {
  if (!v.is_array()) return std::nullopt;
  std::vector<std::int64_t> out;
  for (const nlohmann::json& item : v) {
    const auto i = json_int64(item);
    if (!i || *i < 0) return std::nullopt;
    out.push_back(*i);
  }
  return out;
}

// One header entry "name": {dtype, shape, data_offsets}, checked against a data section of
// `data_size` bytes.
Expected<TensorInfo> tensor_entry(const std::string& tensor, const nlohmann::json& v,
                                  std::size_t data_size) {
  const std::string where = "tensor " + quote_for_message(tensor) + ": ";
  if (!v.is_object()) return Error{where + "entry is " + json_described(v) + ", not an object"};
  for (const auto& [key, unused] : v.items())
    if (key != "dtype" && key != "shape" && key != "data_offsets")
      return Error{where + "unknown key " + quote_for_message(key)};
  for (const char* key : {"dtype", "shape", "data_offsets"})
    if (!v.contains(key)) return Error{where + "missing '" + key + "'"};
  const nlohmann::json &dtype = v["dtype"], &shape = v["shape"], &offsets = v["data_offsets"];
  TensorInfo t;
  t.name = tensor;
  if (!dtype.is_string()) return Error{where + "dtype is not a string"};
  const auto& dtype_name = dtype.get_ref<const std::string&>();
  const auto type = parse_dtype(dtype_name);
  if (!type)
    return Error{where + "dtype " + quote_for_message(dtype_name) +
                 " is not supported (F32, F16 or BF16)"};
  t.dtype = *type;
  const auto dims = counts(shape);
  if (!dims) return Error{where + "shape is not an array of non-negative integers"};
  t.shape = *dims;
  // elements · bytes per element must fit in int64: check each factor before multiplying.
  const std::int64_t limit = std::numeric_limits<std::int64_t>::max() / 4;
  std::int64_t n = 1;
  for (std::int64_t d : t.shape) {
    if (d != 0 && n > limit / d)
      return Error{where + "shape " + shape_text(t.shape) + " is too large"};
    n *= d;
  }
  const auto range = counts(offsets);
  if (!range || range->size() != 2)
    return Error{where + "data_offsets is not a pair of non-negative integers"};
  const std::int64_t begin = (*range)[0], end = (*range)[1];
  if (begin > end || static_cast<std::uint64_t>(end) > data_size)
    return Error{where + "data_offsets [" + std::to_string(begin) + ", " + std::to_string(end) +
                 "] lie outside the data section of " + std::to_string(data_size) + " bytes"};
  const std::int64_t need = n * static_cast<std::int64_t>(size_of(t.dtype));
  if (end - begin != need)
    return Error{where + "data_offsets hold " + std::to_string(end - begin) + " bytes but shape " +
                 shape_text(t.shape) + " of " + name(t.dtype) + " needs " + std::to_string(need)};
  t.begin = static_cast<std::size_t>(begin);
  t.end = static_cast<std::size_t>(end);
  return t;
}

// The byte ranges must tile the data section: sorted by start, each begins where the last ended.
std::optional<std::string> check_tiling(const std::map<std::string, TensorInfo>& tensors,
                                        std::size_t data_size) {
  std::vector<const TensorInfo*> order;
  for (const auto& [unused, t] : tensors) order.push_back(&t);
  std::sort(order.begin(), order.end(), [](const TensorInfo* a, const TensorInfo* b) {
    return a->begin != b->begin ? a->begin < b->begin : a->end < b->end;
  });
  std::size_t covered = 0;
  const TensorInfo* last = nullptr;
  for (const TensorInfo* t : order) {
    if (t->begin < covered)
      return "tensors " + quote_for_message(last->name) + " and " + quote_for_message(t->name) +
             " overlap in the data section";
    if (t->begin > covered)
      return "bytes " + std::to_string(covered) + " to " + std::to_string(t->begin) +
             " of the data section belong to no tensor";
    covered = t->end;
    last = t;
  }
  if (covered != data_size)
    return "the data section has " + std::to_string(data_size - covered) +
           " bytes after the last tensor";
  return std::nullopt;
}

}  // namespace

std::vector<float> File::read(const TensorInfo& t) const {
  const std::size_t n = static_cast<std::size_t>(t.elements()), size = size_of(t.dtype);
  std::vector<float> out(n);
  const std::uint8_t* p = data.data() + t.begin;
  for (std::size_t i = 0; i < n; ++i, p += size) {
    const auto bits = load_le(p, static_cast<int>(size));
    switch (t.dtype) {
      case DType::F32:
        out[i] = std::bit_cast<float>(static_cast<std::uint32_t>(bits));
        break;
      case DType::F16:
        out[i] = half_to_float(static_cast<std::uint16_t>(bits));
        break;
      case DType::BF16:
        out[i] = bfloat16_to_float(static_cast<std::uint16_t>(bits));
        break;
    }
  }
  return out;
}

Expected<File> parse(std::span<const std::uint8_t> bytes) {
  if (bytes.size() < 8)
    return Error{"file of " + std::to_string(bytes.size()) +
                 " bytes is too short for a safetensors header length"};
  const std::uint64_t n = load_le(bytes.data(), 8);
  if (n > kMaxHeaderBytes)
    return Error{"header length " + std::to_string(n) + " is over the limit of " +
                 std::to_string(kMaxHeaderBytes) + " bytes"};
  if (n > bytes.size() - 8)
    return Error{"header length " + std::to_string(n) + " runs past the end of the file (" +
                 std::to_string(bytes.size()) + " bytes)"};
  const std::string_view text(reinterpret_cast<const char*>(bytes.data() + 8), n);
  auto header = read_json(text, kHeaderLimits);
  if (!header) return Error{"header: " + header.error()};
  const nlohmann::json& root = header.value();
  if (!root.is_object())
    return Error{std::string("header is ") + json_described(root) + ", not a JSON object"};
  File f;
  f.data = bytes.subspan(8 + n);
  for (const auto& [key, value] : root.items()) {
    if (key != "__metadata__") {
      auto t = tensor_entry(key, value, f.data.size());
      if (!t) return Error{t.error()};
      f.tensors.emplace(key, std::move(t).value());
      continue;
    }
    if (!value.is_object()) return Error{"__metadata__ is not an object"};
    for (const auto& [k, v] : value.items()) {
      if (!v.is_string())
        return Error{printable("__metadata__." + k) + " is " + json_described(v) +
                     ", not a string"};
      f.metadata[k] = v.get<std::string>();
    }
  }
  if (auto e = check_tiling(f.tensors, f.data.size())) return Error{*e};
  return f;
}

std::string serialize(const std::map<std::string, std::string>& metadata,
                      const std::vector<OutTensor>& tensors) {
  // Ordered as written, like the reference writer: __metadata__ first, then the tensors in file
  // order, each with dtype, shape and data_offsets in that order.
  nlohmann::ordered_json root = nlohmann::ordered_json::object();
  if (!metadata.empty()) root["__metadata__"] = metadata;
  std::int64_t offset = 0;
  for (const OutTensor& t : tensors) {
    const std::int64_t end = offset + 4 * static_cast<std::int64_t>(t.values.size());
    root[t.name] = {{"dtype", "F32"}, {"shape", t.shape}, {"data_offsets", {offset, end}}};
    offset = end;
  }
  std::string header = root.dump();
  header.append((8 - header.size() % 8) % 8, ' ');
  std::string out;
  out.reserve(8 + header.size() + static_cast<std::size_t>(offset));
  store_le(out, header.size(), 8);
  out += header;
  for (const OutTensor& t : tensors)
    for (float x : t.values) store_le(out, std::bit_cast<std::uint32_t>(x), 4);
  return out;
}

}  // namespace al::tf::safetensors
