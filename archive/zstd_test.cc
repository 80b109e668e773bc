// Zip method 93 (zstd, native code): written when asked and when it helps,
// read back byte-exact, and every kind of damage refused with a message.
#include "archive/zstd.h"

#include <gtest/gtest.h>

#include <cstring>

#include "archive/payload_test_util.h"

namespace payload {
namespace {

using testing::BuildApp;
using testing::FakeStub;
using testing::GetEntry;
using testing::PutEntry;
using testing::RandomBytes;
using testing::Span;

std::span<const uint8_t> View(const std::string& s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

// Looks like code: repetitive, but not trivially.
std::string CodeLike(size_t n) {
  std::string s;
  while (s.size() < n) s += "\x48\x89\xe5\x41\x57" + std::to_string(s.size() % 977) + "\xc3\x90\x90";
  s.resize(n);
  return s;
}

std::string Decompressed(const std::string& stream, uint32_t n, std::string* why) {
  std::string out(n, '\0');
  *why = ZstdDecompress(View(stream), reinterpret_cast<uint8_t*>(out.data()), n);
  return out;
}

TEST(Zstd, RoundTrips) {
  for (size_t n : {size_t{0}, size_t{1}, size_t{4096}, size_t{300000}}) {
    SCOPED_TRACE(n);
    std::string in = CodeLike(n), stream, why;
    ASSERT_TRUE(ZstdCompress(in, &stream));
    if (n >= 4096) {
      EXPECT_LT(stream.size(), in.size() / 2);
    }
    EXPECT_EQ(Decompressed(stream, static_cast<uint32_t>(n), &why), in);
    EXPECT_EQ(why, "");
  }
}

TEST(Zstd, DamageIsNamed) {
  std::string in = CodeLike(100000), stream, why;
  ASSERT_TRUE(ZstdCompress(in, &stream));
  Decompressed(stream, 99999, &why);
  EXPECT_EQ(why, "decompresses to more bytes than its size");
  Decompressed(stream, 100001, &why);
  EXPECT_EQ(why, "decompresses to fewer bytes than its size");
  Decompressed(stream.substr(0, stream.size() - 10), 100000, &why);
  EXPECT_EQ(why, "zstd frame truncated or corrupt");
  Decompressed(stream + "x", 100000, &why);
  EXPECT_EQ(why, "has bytes after its zstd frame");
  std::string flipped = stream;
  flipped[flipped.size() / 2] ^= 0x20;
  Decompressed(flipped, 100000, &why);
  EXPECT_NE(why, "");
  Decompressed("not zstd at all", 100000, &why);
  EXPECT_EQ(why, "zstd frame truncated or corrupt");
}

std::vector<PayloadEntry> NativeEntries() {
  PayloadEntry ext{"a/_x.cpython-311-x86_64-linux-gnu.so", EntryKind::kExtension, CodeLike(50000), true};
  ext.method = Compression::kZstd;
  PayloadEntry lib{".libs/libr.so.1", EntryKind::kSharedLib, RandomBytes(5000, 9), true};
  lib.method = Compression::kZstd;  // incompressible: stored
  PayloadEntry text{"a/t.txt", EntryKind::kData, CodeLike(5000), true};  // deflate
  return {ext, lib, text};
}

TEST(ZstdMember, WrittenAndReadBack) {
  std::vector<PayloadEntry> in = NativeEntries();
  std::vector<uint8_t> app = BuildApp(FakeStub(1000), in);
  PayloadReader r;
  std::string err;
  ASSERT_EQ(r.Open(Span(app), &err), PayloadReader::OpenResult::kOk) << err;
  const Compression want[] = {Compression::kZstd, Compression::kStored, Compression::kDeflate};
  for (size_t k = 0; k < in.size(); ++k) {
    SCOPED_TRACE(in[k].name);
    long i = r.FindFile(in[k].name);
    ASSERT_GE(i, 0);
    EXPECT_EQ(r.entry(i).compression, want[k]);
    std::span<const uint8_t> bytes;
    std::vector<uint8_t> storage;
    ASSERT_TRUE(r.Read(i, &bytes, &storage, &err, true)) << err;
    EXPECT_EQ(std::string(bytes.begin(), bytes.end()), in[k].bytes);
  }
  // A stream made earlier (the member cache's) is written as is.
  std::vector<PayloadEntry> again = NativeEntries();
  ASSERT_TRUE(ZstdCompress(again[0].bytes, &again[0].compressed));
  EXPECT_EQ(BuildApp(FakeStub(1000), again), app);
}

TEST(ZstdMember, DamageIsRefused) {
  std::vector<uint8_t> app = BuildApp(FakeStub(1000), NativeEntries());
  PayloadReader r;
  std::string err;
  ASSERT_EQ(r.Open(Span(app), &err), PayloadReader::OpenResult::kOk) << err;
  long i = r.FindFile("a/_x.cpython-311-x86_64-linux-gnu.so");
  ASSERT_GE(i, 0);
  EntryView v = r.entry(i);
  size_t at = v.stored.data() - app.data();
  // A flipped byte in the middle of the frame.
  std::vector<uint8_t> bad = app;
  bad[at + v.stored_size / 2] ^= 0x01;
  ASSERT_EQ(r.Open(Span(bad), &err), PayloadReader::OpenResult::kOk) << err;
  std::span<const uint8_t> bytes;
  std::vector<uint8_t> storage;
  EXPECT_FALSE(r.Read(i, &bytes, &storage, &err));
  EXPECT_NE(err.find("'a/_x.cpython-311-x86_64-linux-gnu.so'"), std::string::npos) << err;
  // A size no zstd frame of that length can decompress to is refused on opening.
  IndexEntry e = GetEntry(app, static_cast<size_t>(i));
  e.size = static_cast<uint32_t>(std::min<uint64_t>(uint64_t{e.stored_size} * kMaxZstdRatio + 1, UINT32_MAX));
  bad = app;
  PutEntry(&bad, static_cast<size_t>(i), e);
  EXPECT_EQ(r.Open(Span(bad), &err), PayloadReader::OpenResult::kDamaged);
  EXPECT_NE(err.find("sizes inconsistent"), std::string::npos) << err;
}

}  // namespace
}  // namespace payload
