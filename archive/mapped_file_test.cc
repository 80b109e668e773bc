#include "archive/mapped_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>

namespace payload {
namespace {

std::string TempPath(const std::string& name) {
  return ::testing::TempDir() + "/" + std::to_string(getpid()) + "_" + name;
}

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f << bytes;
}

TEST(MappedFile, MapsContents) {
  std::string path = TempPath("mapped.bin");
  std::string content(10000, '\0');
  for (size_t i = 0; i < content.size(); ++i) content[i] = static_cast<char>(i * 31);
  WriteFile(path, content);
  MappedFile m;
  std::string err;
  ASSERT_TRUE(m.Open(path, &err)) << err;
  ASSERT_EQ(m.bytes().size(), content.size());
  EXPECT_EQ(0, std::memcmp(m.bytes().data(), content.data(), content.size()));

  // Reopening replaces the mapping.
  std::string other = TempPath("other.bin");
  WriteFile(other, "xyz");
  ASSERT_TRUE(m.Open(other, &err)) << err;
  ASSERT_EQ(m.bytes().size(), 3u);
  EXPECT_EQ(0, std::memcmp(m.bytes().data(), "xyz", 3));
  std::remove(path.c_str());
  std::remove(other.c_str());
}

TEST(MappedFile, EmptyFileIsEmptySpan) {
  std::string path = TempPath("empty.bin");
  WriteFile(path, "");
  MappedFile m;
  std::string err;
  ASSERT_TRUE(m.Open(path, &err)) << err;
  EXPECT_TRUE(m.bytes().empty());
  std::remove(path.c_str());
}

TEST(MappedFile, Errors) {
  MappedFile m;
  std::string err;
  std::string path = TempPath("does-not-exist");
  EXPECT_FALSE(m.Open(path, &err));
  EXPECT_EQ(err, "cannot open '" + path + "': No such file or directory");
  EXPECT_TRUE(m.bytes().empty());
  EXPECT_FALSE(m.Open(::testing::TempDir(), &err));
  EXPECT_NE(err.find("not a regular file"), std::string::npos) << err;
}

TEST(MappedFile, DefaultIsEmpty) {
  MappedFile m;
  EXPECT_TRUE(m.bytes().empty());
}

}  // namespace
}  // namespace payload
