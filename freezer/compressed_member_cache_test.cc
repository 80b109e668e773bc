#include "freezer/compressed_member_cache.h"

#include <gtest/gtest.h>

#include <cstdint>

#include "archive/deflate.h"
#include "archive/zstd.h"
#include "freezer/memory_disk.h"

namespace freezer {
namespace {

std::string Member(size_t n) {
  std::string s;
  for (size_t i = 0; s.size() < n; ++i) s += "codec line " + std::to_string(i % 97) + "\n";
  s.resize(n);
  return s;
}

payload::PayloadEntry Entry(const std::string& name, std::string bytes, bool compress = true) {
  payload::PayloadEntry e;
  e.name = name;
  e.bytes = std::move(bytes);
  e.compress = compress;
  return e;
}

std::string Inflated(const std::string& stream, size_t n) {
  std::string out(n, '\0');
  EXPECT_EQ(payload::InflateRaw({reinterpret_cast<const uint8_t*>(stream.data()), stream.size()},
                                reinterpret_cast<uint8_t*>(out.data()), static_cast<uint32_t>(n)),
            "");
  return out;
}

TEST(CompressedMemberCacheTest, SecondBuildTakesTheStreamFromTheCache) {
  MemoryDisk disk;
  const std::string bytes = Member(20000);
  std::vector<payload::PayloadEntry> first{Entry("encodings/koi8_r.pyc", bytes)};
  CompressedMemberCache one(&disk, "/cache");
  one.Fill(&first);
  EXPECT_EQ(one.stats().compressed, 1u);
  EXPECT_EQ(one.stats().hits, 0u);
  ASSERT_FALSE(first[0].compressed.empty());
  EXPECT_EQ(Inflated(first[0].compressed, bytes.size()), bytes);
  const std::string path = one.EntryPath(bytes);
  EXPECT_EQ(path.rfind("/cache/members/", 0), 0u) << path;
  EXPECT_EQ(disk.Stat(path).type, FileInfo::Type::kFile);

  // Another app bundling the same bytes, under another name.
  std::vector<payload::PayloadEntry> second{Entry("other/name.pyc", bytes)};
  CompressedMemberCache two(&disk, "/cache");
  two.Fill(&second);
  EXPECT_EQ(two.stats().hits, 1u);
  EXPECT_EQ(two.stats().compressed, 0u);
  EXPECT_EQ(second[0].compressed, first[0].compressed);
}

// Native code is zstd: its own entry (.zst beside .deflate), the stream a
// zstd frame, taken again by a warm build; a deflate stream of the same
// bytes is never handed out as zstd.
TEST(CompressedMemberCacheTest, ZstdMembersHaveTheirOwnEntries) {
  MemoryDisk disk;
  const std::string bytes = Member(30000);
  auto native = [&] {
    payload::PayloadEntry e = Entry("numpy/core/_m.so", bytes);
    e.method = payload::Compression::kZstd;
    return std::vector<payload::PayloadEntry>{e};
  };
  std::vector<payload::PayloadEntry> deflated{Entry("a.pyc", bytes)};
  CompressedMemberCache zero(&disk, "/cache");
  zero.Fill(&deflated);
  std::vector<payload::PayloadEntry> first = native();
  CompressedMemberCache one(&disk, "/cache");
  one.Fill(&first);
  EXPECT_EQ(one.stats().compressed, 1u);
  EXPECT_EQ(one.stats().hits, 0u);
  const std::string path = one.EntryPath(bytes, payload::Compression::kZstd);
  EXPECT_NE(path, one.EntryPath(bytes));
  EXPECT_EQ(path.substr(path.size() - 4), ".zst");
  std::string out(bytes.size(), '\0');
  EXPECT_EQ(payload::ZstdDecompress({reinterpret_cast<const uint8_t*>(first[0].compressed.data()),
                                     first[0].compressed.size()},
                                    reinterpret_cast<uint8_t*>(out.data()), static_cast<uint32_t>(out.size())),
            "");
  EXPECT_EQ(out, bytes);
  std::vector<payload::PayloadEntry> second = native();
  CompressedMemberCache two(&disk, "/cache");
  two.Fill(&second);
  EXPECT_EQ(two.stats().hits, 1u);
  EXPECT_EQ(second[0].compressed, first[0].compressed);
  // A deflate stream where the zstd one should be: rejected, made again.
  disk.AddFile(path, deflated[0].compressed);
  std::vector<payload::PayloadEntry> third = native();
  CompressedMemberCache three(&disk, "/cache");
  three.Fill(&third);
  EXPECT_EQ(three.stats().rejected, 1u);
  EXPECT_EQ(third[0].compressed, first[0].compressed);
}

TEST(CompressedMemberCacheTest, ADamagedEntryIsNeverUsedAndIsReplaced) {
  MemoryDisk disk;
  const std::string bytes = Member(9000);
  CompressedMemberCache cache(&disk, "/cache");
  // A valid deflate stream, of other bytes: the worst case, not just garbage.
  std::string other;
  ASSERT_TRUE(payload::DeflateRaw(Member(9001), &other));
  disk.AddFile(cache.EntryPath(bytes), other);
  std::vector<payload::PayloadEntry> entries{Entry("a.pyc", bytes)};
  cache.Fill(&entries);
  EXPECT_EQ(cache.stats().rejected, 1u);
  EXPECT_EQ(cache.stats().compressed, 1u);
  EXPECT_EQ(Inflated(entries[0].compressed, bytes.size()), bytes);
  std::string stored, err;
  ASSERT_TRUE(disk.ReadFile(cache.EntryPath(bytes), &stored, &err));
  EXPECT_EQ(stored, entries[0].compressed);

  disk.AddFile(cache.EntryPath(bytes), "not deflate at all");
  std::vector<payload::PayloadEntry> again{Entry("a.pyc", bytes)};
  cache.Fill(&again);
  EXPECT_EQ(cache.stats().rejected, 2u);
  EXPECT_EQ(Inflated(again[0].compressed, bytes.size()), bytes);
}

TEST(CompressedMemberCacheTest, SmallStoredAndUncachedMembersAreLeftToTheWriter) {
  MemoryDisk disk;
  std::vector<payload::PayloadEntry> entries{
      Entry("small.pyc", Member(CompressedMemberCache::kMinCachedSize - 1)),
      Entry("stored.so", Member(50000), /*compress=*/false)};
  CompressedMemberCache cache(&disk, "/cache");
  cache.Fill(&entries);
  EXPECT_TRUE(entries[0].compressed.empty());
  EXPECT_TRUE(entries[1].compressed.empty());
  EXPECT_EQ(cache.stats().compressed, 0u);

  std::vector<payload::PayloadEntry> big{Entry("big.pyc", Member(50000))};
  CompressedMemberCache none(&disk, "");
  none.Fill(&big);
  EXPECT_TRUE(big[0].compressed.empty());  // --no-cache: the writer deflates it
}

}  // namespace
}  // namespace freezer
