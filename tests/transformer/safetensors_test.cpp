// The safetensors container: the exact bytes of a small file, half and bfloat16 conversion on
// known bit patterns, and every container-level corruption rejected with its message.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "engine/transformer/safetensors.hpp"

namespace al::tf::safetensors {
namespace {

std::vector<std::uint8_t> bytes_of(const std::string& s) {
  return {s.begin(), s.end()};
}

// A file from its header text and data bytes (the length prefix computed).
std::vector<std::uint8_t> file_of(const std::string& header, const std::string& data) {
  std::string out;
  for (int i = 0; i < 8; ++i) out += static_cast<char>((header.size() >> (8 * i)) & 0xFF);
  return bytes_of(out + header + data);
}

std::string error_of(const std::vector<std::uint8_t>& bytes) {
  auto f = parse(bytes);
  return f.ok() ? "(accepted)" : f.error();
}

TEST(Safetensors, WritesTheReferenceLayout) {
  const std::string file = serialize({{"k", "v"}}, {{"a", {2}, {1.0f, -2.0f}}});
  const std::string header =
      R"({"__metadata__":{"k":"v"},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})";
  ASSERT_EQ(header.size(), 79u);  // padded with one space to 80, a multiple of 8
  const std::string expected = std::string("\x50\0\0\0\0\0\0\0", 8) + header + " " +
                               std::string("\x00\x00\x80\x3F\x00\x00\x00\xC0", 8);
  EXPECT_EQ(file, expected);
  const auto bytes = bytes_of(file);
  auto parsed = parse(bytes);
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  EXPECT_EQ(parsed.value().metadata.at("k"), "v");
  const TensorInfo* a = parsed.value().find("a");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->shape, std::vector<std::int64_t>{2});
  EXPECT_EQ(parsed.value().read(*a), (std::vector<float>{1.0f, -2.0f}));
}

TEST(Safetensors, HalfAndBfloat16ConvertExactly) {
  EXPECT_EQ(half_to_float(0x3C00), 1.0f);
  EXPECT_EQ(half_to_float(0xC000), -2.0f);
  EXPECT_EQ(half_to_float(0x3555), 0.333251953125f);        // 0x155 / 1024 · 2⁻² + 2⁻²
  EXPECT_EQ(half_to_float(0x7BFF), 65504.0f);               // largest half
  EXPECT_EQ(half_to_float(0x0001), std::ldexp(1.0f, -24));  // smallest subnormal
  EXPECT_EQ(half_to_float(0x03FF), 1023 * std::ldexp(1.0f, -24));
  EXPECT_EQ(half_to_float(0x8000), 0.0f);
  EXPECT_TRUE(std::signbit(half_to_float(0x8000)));
  EXPECT_EQ(half_to_float(0x7C00), std::numeric_limits<float>::infinity());
  EXPECT_EQ(half_to_float(0xFC00), -std::numeric_limits<float>::infinity());
  EXPECT_TRUE(std::isnan(half_to_float(0x7E00)));
  EXPECT_EQ(bfloat16_to_float(0x3F80), 1.0f);
  EXPECT_EQ(bfloat16_to_float(0xC0A0), -5.0f);
  EXPECT_EQ(bfloat16_to_float(0x3EAB), 0.333984375f);
}

TEST(Safetensors, ReadsF16AndBf16Data) {
  // [1, −2] as F16 (00 3C, 00 C0) and [1, −5] as BF16 (80 3F, A0 C0).
  const auto bytes = file_of(R"({"h":{"dtype":"F16","shape":[2],"data_offsets":[0,4]},)"
                             R"("b":{"dtype":"BF16","shape":[1,2],"data_offsets":[4,8]}})",
                             std::string("\x00\x3C\x00\xC0\x80\x3F\xA0\xC0", 8));
  auto f = parse(bytes);
  ASSERT_TRUE(f.ok()) << f.error();
  EXPECT_EQ(f.value().read(*f.value().find("h")), (std::vector<float>{1.0f, -2.0f}));
  EXPECT_EQ(f.value().read(*f.value().find("b")), (std::vector<float>{1.0f, -5.0f}));
}

TEST(Safetensors, AcceptsAnEmptyFileAndHeaderPadding) {
  auto f = parse(file_of("{}   ", ""));
  ASSERT_TRUE(f.ok()) << f.error();
  EXPECT_TRUE(f.value().tensors.empty());
}

TEST(Safetensors, RejectsBrokenContainers) {
  const std::string one = R"("a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]})";
  const std::string data8(8, '\0');
  std::vector<std::uint8_t> huge = file_of("{}", "");
  huge[3] = 0x10;  // header length 2 + 2²⁸ bytes
  std::vector<std::uint8_t> past = file_of("{}", "");
  past[0] = 3;
  const std::pair<std::vector<std::uint8_t>, const char*> cases[] = {
      {bytes_of("abc"), "file of 3 bytes is too short"},
      {huge, "header length 268435458 is over the limit of 100000000 bytes"},
      {past, "header length 3 runs past the end of the file (10 bytes)"},
      {file_of("{\"a\":", ""), "header: invalid JSON at line 1, column 6"},
      {file_of("[]", ""), "header is an array, not a JSON object"},
      {file_of(R"({"__metadata__":{"x":1}})", ""), "__metadata__.x is a number, not a string"},
      {file_of(R"({"__metadata__":[]})", ""), "__metadata__ is not an object"},
      {file_of(R"({"a":3})", ""), "tensor 'a': entry is a number, not an object"},
      {file_of(R"({"a":{"dtype":"F32","shape":[0]}})", ""), "tensor 'a': missing 'data_offsets'"},
      {file_of(R"({"a":{"dtype":"F32","shape":[0],"data_offsets":[0,0],"x":1}})", ""),
       "tensor 'a': unknown key 'x'"},
      {file_of(R"({"a":{"dtype":"I64","shape":[1],"data_offsets":[0,8]}})", data8),
       "tensor 'a': dtype 'I64' is not supported (F32, F16 or BF16)"},
      {file_of(R"({"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,8]}})", data8),
       "tensor 'a': shape is not an array of non-negative integers"},
      {file_of(R"({"a":{"dtype":"F32","shape":[2.5],"data_offsets":[0,8]}})", data8),
       "shape is not an array"},
      {file_of(R"({"a":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,8]}})",
               data8),
       "tensor 'a': shape [4294967296, 4294967296] is too large"},
      {file_of(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0]}})", data8),
       "data_offsets is not a pair"},
      {file_of(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}})", data8),
       "tensor 'a': data_offsets [8, 16] lie outside the data section of 8 bytes"},
      {file_of(R"({"a":{"dtype":"F32","shape":[0],"data_offsets":[8,0]}})", data8),
       "data_offsets [8, 0] lie outside"},
      {file_of(R"({"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}})", data8),
       "tensor 'a': data_offsets hold 8 bytes but shape [3] of F32 needs 12"},
      {file_of("{" + one + R"(,"b":{"dtype":"F16","shape":[2],"data_offsets":[4,8]}})", data8),
       "tensors 'a' and 'b' overlap in the data section"},
      {file_of(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})", data8),
       "bytes 0 to 4 of the data section belong to no tensor"},
      {file_of("{" + one + "}", data8 + "xy"),
       "the data section has 2 bytes after the last tensor"},
      {file_of(R"({"a":{},"a":{}})", ""),
       "header: invalid JSON at line 1, column 11: duplicate key 'a'"},
      {file_of(R"({"a":{"shape":[],"shape":[]}})", ""), "duplicate key 'shape' in 'a'"},
      {file_of(std::string(9, '[').append(9, ']'), ""),
       "header: invalid JSON at line 1, column 9: nested more than 8 levels deep"},
  };
  for (const auto& [bytes, what] : cases)
    EXPECT_NE(error_of(bytes).find(what), std::string::npos) << what << " → " << error_of(bytes);
}

}  // namespace
}  // namespace al::tf::safetensors
