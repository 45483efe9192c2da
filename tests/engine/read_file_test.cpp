// The one reader of outside files: regular files only (a FIFO or a device neither blocks nor
// streams without end), a size cap named in the message, and one line for every failure.
#include "engine/read_file.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>

#include "../figure/temp_dir.hpp"

namespace al {
namespace {

using test::TempDir;

// 'path', as messages quote it (built by appending: GCC 12 gives a false -Wrestrict on
// "'" + path).
std::string quoted(const std::string& path) {
  return std::string(1, '\'').append(path).append(1, '\'');
}

std::string error_of(const std::string& path, std::size_t max_bytes = 1 << 20) {
  const auto bytes = read_regular_file(path, max_bytes, "a test file");
  return bytes ? "(read)" : bytes.error();
}

TEST(ReadRegularFile, ReadsTheWholeFile) {
  TempDir dir;
  std::string text;
  for (int i = 0; i < 100000; ++i) text += static_cast<char>(i % 251);  // more than one read
  test::write_text(dir.file("f.bin"), text);
  const auto bytes = read_regular_file(dir.file("f.bin"), text.size(), "a test file");
  ASSERT_TRUE(bytes) << bytes.error();
  EXPECT_EQ(bytes.value(), text);
}

TEST(ReadRegularFile, ReadsFilesWhoseSizeIsUnknown) {
  // /proc files say they are empty; they are read to their end all the same.
  const auto bytes = read_regular_file("/proc/self/status", 1 << 20, "a test file");
  ASSERT_TRUE(bytes) << bytes.error();
  EXPECT_NE(bytes.value().find("Pid:"), std::string::npos);
}

TEST(ReadRegularFile, RefusesAFifoAtOnce) {
  TempDir dir;
  const std::string fifo = dir.file("fifo");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(error_of(fifo), quoted(fifo) + " is not a regular file");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
}

TEST(ReadRegularFile, RefusesDevicesAndDirectories) {
  EXPECT_EQ(error_of("/dev/zero"), "'/dev/zero' is not a regular file");
  EXPECT_EQ(error_of("/dev/null"), "'/dev/null' is not a regular file");
  TempDir dir;
  EXPECT_EQ(error_of(dir.path().string()), quoted(dir.path().string()) + " is a directory");
}

TEST(ReadRegularFile, RefusesAFileOverTheCapNamingIt) {
  TempDir dir;
  test::write_text(dir.file("big"), std::string((1 << 20) + 1, 'x'));
  EXPECT_EQ(error_of(dir.file("big")),
            quoted(dir.file("big")) + " is larger than 1 MB, the limit for a test file");
  EXPECT_EQ(error_of(dir.file("big"), 1000),
            quoted(dir.file("big")) + " is larger than 1000 bytes, the limit for a test file");
  EXPECT_EQ(error_of(dir.file("big"), (1 << 20) + 1), "(read)");
}

TEST(ReadRegularFile, SaysWhyAFileCannotBeOpened) {
  TempDir dir;
  EXPECT_EQ(error_of(dir.file("missing")),
            dir.file("missing") + ": cannot open: No such file or directory");
}

TEST(ReadRegularFile, APathInAMessageStaysOneLine) {
  TempDir dir;
  const std::string path = dir.file("a\nb");
  EXPECT_EQ(error_of(path), dir.file("a\\nb") + ": cannot open: No such file or directory");
}

}  // namespace
}  // namespace al
