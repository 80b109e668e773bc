#include "freezer/listing_cache_disk.h"

#include <gtest/gtest.h>

#include "freezer/memory_disk.h"

namespace freezer {
namespace {

TEST(ListingCacheDiskTest, MissesAnsweredFromTheListingOnceADirectoryIsAskedOften) {
  MemoryDisk inner;
  inner.AddFile("/lib/json/__init__.py", "");
  inner.AddFile("/lib/os.py", "");
  ListingCacheDisk disk(&inner);
  for (int i = 0; i < 100; ++i)
    EXPECT_EQ(disk.Stat("/lib/missing" + std::to_string(i) + ".py").type, FileInfo::Type::kMissing);
  EXPECT_EQ(disk.inner_stats(), static_cast<size_t>(ListingCacheDisk::kListAfter - 1));
  EXPECT_EQ(disk.Stat("/lib/os.py").type, FileInfo::Type::kFile);
  EXPECT_EQ(disk.Stat("/lib/json").type, FileInfo::Type::kDir);
  EXPECT_EQ(disk.Stat("/lib/json/__init__.py").type, FileInfo::Type::kFile);
}

TEST(ListingCacheDiskTest, WritesThroughItAreSeen) {
  MemoryDisk inner;
  inner.AddFile("/cache/a", "1");
  ListingCacheDisk disk(&inner);
  for (int i = 0; i < 10; ++i) disk.Stat("/cache/x" + std::to_string(i));
  std::string err;
  ASSERT_TRUE(disk.WriteCacheFile("/cache/new", "2", &err));
  EXPECT_EQ(disk.Stat("/cache/new").type, FileInfo::Type::kFile);
  ASSERT_TRUE(disk.Remove("/cache/new"));
  for (int i = 0; i < 10; ++i) disk.Stat("/cache/y" + std::to_string(i));
  EXPECT_EQ(disk.Stat("/cache/new").type, FileInfo::Type::kMissing);
  ASSERT_TRUE(disk.WriteFileAtomic("/cache/sub/deep", "3", 0644, &err));
  EXPECT_EQ(disk.Stat("/cache/sub").type, FileInfo::Type::kDir);
}

TEST(ListingCacheDiskTest, ListDirServedFromAndFillingTheCache) {
  MemoryDisk inner;
  inner.AddFile("/p/b.py", "");
  inner.AddFile("/p/a.py", "");
  ListingCacheDisk disk(&inner);
  std::vector<std::string> names;
  ASSERT_TRUE(disk.ListDir("/p", &names));
  EXPECT_EQ(names, (std::vector<std::string>{"a.py", "b.py"}));
  EXPECT_EQ(disk.Stat("/p/c.py").type, FileInfo::Type::kMissing);
  EXPECT_EQ(disk.inner_stats(), 0u);
  EXPECT_FALSE(disk.ListDir("/nowhere", &names));
}

TEST(ListingCacheDiskTest, PathsWithoutAPlainLastNameGoToTheInnerDisk) {
  MemoryDisk inner;
  inner.AddFile("/p/a.py", "");
  ListingCacheDisk disk(&inner);
  for (const char* p : {"/p/", "/p/..", "/p/.", "x", "/"}) disk.Stat(p);
  EXPECT_EQ(disk.inner_stats(), 5u);
}

}  // namespace
}  // namespace freezer
