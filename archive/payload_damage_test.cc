// The reader against files that are not payloads, truncated, bit-flipped, or
// edited behind valid CRCs.
#include <gtest/gtest.h>

#include <limits>

#include "archive/payload_test_util.h"

namespace payload {
namespace {

using namespace payload::testing;
using Result = PayloadReader::OpenResult;

Result OpenApp(const std::vector<uint8_t>& app, std::string* err) {
  PayloadReader r;
  return r.Open(Span(app), err);
}

// Expects kDamaged with an error containing `needle`.
void ExpectDamaged(const std::vector<uint8_t>& app, const std::string& needle) {
  std::string err;
  EXPECT_EQ(OpenApp(app, &err), Result::kDamaged);
  EXPECT_NE(err.find(needle), std::string::npos) << "error: " << err;
}

std::vector<uint8_t> SmallApp() {
  return BuildApp(FakeStub(64), {{"m", EntryKind::kModule, Pyc(std::string(300, 'm')), true},
                                 {"p", EntryKind::kPackage, Pyc("pkg"), false},
                                 {"d.txt", EntryKind::kData, "data bytes", false},
                                 {"e", EntryKind::kData, "", false}});
}

size_t IndexOf(const std::vector<uint8_t>& app, std::string_view name, bool module) {
  PayloadReader r;
  std::string err;
  EXPECT_EQ(r.Open(Span(app), &err), Result::kOk) << err;
  long i = module ? r.FindModule(name) : r.FindFile(name);
  EXPECT_GE(i, 0);
  return static_cast<size_t>(i);
}

TEST(PayloadReaderDamage, NoPayload) {
  std::string err;
  EXPECT_EQ(OpenApp({}, &err), Result::kNoPayload);
  EXPECT_EQ(OpenApp(std::vector<uint8_t>(85, 0), &err), Result::kNoPayload);
  std::string junk = RandomBytes(1 << 20, 3);
  for (size_t n : {86, 100, 4096, 1 << 20})
    EXPECT_EQ(OpenApp(std::vector<uint8_t>(junk.begin(), junk.begin() + n), &err),
              Result::kNoPayload);
  std::string stub = FakeStub(5000);
  EXPECT_EQ(OpenApp(std::vector<uint8_t>(stub.begin(), stub.end()), &err),
            Result::kNoPayload);
  // A trailer magic alone, in a file too short for EOCD + trailer.
  std::vector<uint8_t> tiny(kTrailerMagic, kTrailerMagic + 8);
  tiny.resize(85);
  EXPECT_EQ(OpenApp(tiny, &err), Result::kNoPayload);
}

TEST(PayloadReaderDamage, EveryTruncation) {
  std::vector<uint8_t> app = SmallApp();
  for (size_t n = 0; n < app.size(); ++n) {
    std::vector<uint8_t> cut(app.begin(), app.begin() + n);
    std::string err;
    Result res = OpenApp(cut, &err);
    ASSERT_NE(res, Result::kOk) << "prefix " << n;
  }
  // Bytes lost from the front (a shorter stub) break payload_offset.
  for (size_t n : {1, 10, 64}) {
    std::vector<uint8_t> cut(app.begin() + n, app.end());
    ExpectDamaged(cut, "payload offset");
  }
  std::vector<uint8_t> longer = app;
  longer.insert(longer.begin(), 0);
  ExpectDamaged(longer, "payload offset");
}

TEST(PayloadReaderDamage, TrailerBitFlips) {
  const std::vector<uint8_t> app = SmallApp();
  for (size_t pos = TrailerPos(app); pos < app.size(); ++pos) {
    for (int bit = 0; bit < 8; ++bit) {
      std::vector<uint8_t> bad = app;
      bad[pos] ^= 1 << bit;
      std::string err;
      Result res = OpenApp(bad, &err);
      if (pos < TrailerPos(app) + 8) {
        EXPECT_EQ(res, Result::kNoPayload) << pos;
      } else if (pos >= app.size() - kDigestSize) {
        // The digest itself: outside every CRC (they are all inside it), not
        // used at start; VerifyDigest refuses it (payload_verifier_test.cc).
        EXPECT_EQ(res, Result::kOk) << pos;
      } else {
        EXPECT_EQ(res, Result::kDamaged) << pos;
        EXPECT_EQ(err, "trailer CRC mismatch");
      }
    }
  }
}

TEST(PayloadReaderDamage, IndexBitFlips) {
  const std::vector<uint8_t> app = SmallApp();
  Trailer t = GetTrailer(app);
  for (size_t pos = t.index_offset; pos < t.index_offset + t.index_size; ++pos) {
    for (int bit = 0; bit < 8; ++bit) {
      std::vector<uint8_t> bad = app;
      bad[pos] ^= 1 << bit;
      ExpectDamaged(bad, "index CRC mismatch");
    }
  }
}

// Any single-bit flip anywhere: Open fails, or every Read returns the original
// bytes or fails; never wrong bytes.
TEST(PayloadReaderDamage, EveryBitFlipIsCaughtOrHarmless) {
  const std::vector<uint8_t> app = SmallApp();
  PayloadReader good;
  std::string err;
  ASSERT_EQ(good.Open(Span(app), &err), Result::kOk);
  std::vector<std::string> original;
  ASSERT_TRUE(ReadAll(good, &original, &err));
  size_t read_failures = 0;
  for (size_t pos = 64; pos < app.size(); ++pos) {
    for (int bit = 0; bit < 8; ++bit) {
      std::vector<uint8_t> bad = app;
      bad[pos] ^= 1 << bit;
      PayloadReader r;
      if (r.Open(Span(bad), &err) != Result::kOk) continue;
      ASSERT_EQ(r.size(), original.size());
      for (size_t i = 0; i < r.size(); ++i) {
        std::span<const uint8_t> bytes;
        std::vector<uint8_t> storage;
        if (r.Read(i, &bytes, &storage, &err)) {
          ASSERT_EQ(Bytes(bytes), original[i]) << "flip at " << pos << " bit " << bit;
        } else {
          EXPECT_NE(err.find("entry '"), std::string::npos) << err;
          ++read_failures;
        }
      }
    }
  }
  EXPECT_GT(read_failures, 0u);
}

TEST(PayloadReaderDamage, StoredDataFlipFailsCrc) {
  std::vector<uint8_t> app = SmallApp();
  size_t i = IndexOf(app, "d.txt", false);
  app[GetEntry(app, i).data_offset + 3] ^= 0x20;
  PayloadReader r;
  std::string err;
  ASSERT_EQ(r.Open(Span(app), &err), Result::kOk) << err;
  std::span<const uint8_t> bytes;
  std::vector<uint8_t> storage;
  EXPECT_FALSE(r.Read(i, &bytes, &storage, &err));
  EXPECT_EQ(err, "entry 'd.txt' CRC mismatch");
}

TEST(PayloadReaderDamage, WrongVersion) {
  std::vector<uint8_t> app = SmallApp();
  Trailer t = GetTrailer(app);
  t.format_version = kFormatVersion + 1;
  PutTrailer(&app, t);
  std::string err;
  EXPECT_EQ(OpenApp(app, &err), Result::kDamaged);
  EXPECT_EQ(err, "payload format version " + std::to_string(kFormatVersion + 1) +
                     " is not supported (this program reads version " +
                     std::to_string(kFormatVersion) + ")");
}

TEST(PayloadReaderDamage, EndOfCentralDirectory) {
  std::vector<uint8_t> app = SmallApp();
  size_t eocd = TrailerPos(app) - 22;
  std::vector<uint8_t> bad = app;
  bad[eocd] ^= 1;
  ExpectDamaged(bad, "end of central directory");
  bad = app;
  bad[eocd + 20] = 63;
  ExpectDamaged(bad, "zip comment is 63 bytes");
}

TEST(PayloadReaderDamage, TrailerBounds) {
  const std::vector<uint8_t> app = SmallApp();
  const Trailer t0 = GetTrailer(app);
  auto with = [&](auto edit) {
    std::vector<uint8_t> bad = app;
    Trailer t = t0;
    edit(t);
    PutTrailer(&bad, t);
    return bad;
  };
  constexpr uint64_t kMax64 = std::numeric_limits<uint64_t>::max();
  ExpectDamaged(with([](Trailer& t) { t.payload_offset += 1; }), "payload offset");
  ExpectDamaged(with([](Trailer& t) { t.payload_size += 1; }), "payload offset");
  ExpectDamaged(with([&](Trailer& t) { t.payload_offset = kMax64; }), "payload offset");
  ExpectDamaged(with([&](Trailer& t) {
                  t.payload_offset = kMax64 - 10;
                  t.payload_size = app.size() + 11;  // wraps to the file size
                }),
                "payload offset");
  ExpectDamaged(with([](Trailer& t) { t.index_offset = t.payload_offset - 1; }),
                "index out of bounds");
  ExpectDamaged(with([&](Trailer& t) { t.index_offset = kMax64; }), "index out of bounds");
  ExpectDamaged(with([&](Trailer& t) { t.index_offset = kMax64 - 2; }),
                "index out of bounds");
  ExpectDamaged(with([&](Trailer& t) { t.index_size = 0xFFFFFFFF; }),
                "index out of bounds");
  ExpectDamaged(with([&](Trailer& t) {
                  // One byte into the end of central directory record.
                  t.index_size = static_cast<uint32_t>(app.size() - 86 - t.index_offset + 1);
                }),
                "index out of bounds");
  ExpectDamaged(with([](Trailer& t) { t.index_crc32 ^= 1; }), "index CRC mismatch");
  ExpectDamaged(with([](Trailer& t) { t.index_size = 8; }), "index CRC mismatch");
}

TEST(PayloadReaderDamage, IndexHeader) {
  const std::vector<uint8_t> app = SmallApp();
  std::vector<uint8_t> bad = app;
  IndexHeader h = GetIndexHeader(app);
  h.magic[0] = 'X';
  PutIndexHeader(&bad, h);
  ExpectDamaged(bad, "bad index magic");

  // Trailer and index disagree on the count.
  bad = app;
  Trailer t = GetTrailer(app);
  t.entry_count += 1;
  PutTrailer(&bad, t);
  ExpectDamaged(bad, "index has 4 entries, trailer says 5");
  bad = app;
  h = GetIndexHeader(app);
  h.entry_count -= 1;
  PutIndexHeader(&bad, h);
  ExpectDamaged(bad, "index has 3 entries, trailer says 4");

  // Both agree, but the sizes do not add up.
  for (uint32_t count : {3u, 5u, 0xFFFFFFFFu}) {
    bad = app;
    h = GetIndexHeader(app);
    h.entry_count = count;
    PutIndexHeader(&bad, h);
    t = GetTrailer(bad);
    t.entry_count = count;
    PutTrailer(&bad, t);
    ExpectDamaged(bad, "index sizes do not add up");
  }
  for (uint32_t names : {0u, 0xFFFFFFFFu, 0xFFFFFFF0u}) {
    bad = app;
    h = GetIndexHeader(app);
    h.names_size = names;
    PutIndexHeader(&bad, h);
    ExpectDamaged(bad, "index sizes do not add up");
  }
}

TEST(PayloadReaderDamage, EntryFields) {
  const std::vector<uint8_t> app = SmallApp();
  const size_t d = IndexOf(app, "d.txt", false);
  const size_t m = IndexOf(app, "m", true);
  const Trailer t = GetTrailer(app);
  auto with = [&](size_t i, auto edit) {
    std::vector<uint8_t> bad = app;
    IndexEntry e = GetEntry(app, i);
    edit(e);
    PutEntry(&bad, i, e);
    return bad;
  };
  constexpr uint64_t kMax64 = std::numeric_limits<uint64_t>::max();
  const IndexHeader h = GetIndexHeader(app);
  ExpectDamaged(with(d, [&](IndexEntry& e) { e.name_offset = h.names_size; }),
                "name out of bounds");
  ExpectDamaged(with(d, [&](IndexEntry& e) { e.name_offset = 0xFFFFFFFF; }),
                "name out of bounds");
  ExpectDamaged(with(d, [&](IndexEntry& e) { e.name_size = 0xFFFF; }),
                "name out of bounds");
  ExpectDamaged(with(d, [&](IndexEntry& e) { e.name_size = 0; }), "name out of bounds");
  ExpectDamaged(with(d, [](IndexEntry& e) { e.kind = 0; }), "entry 'd.txt' has unknown kind 0");
  ExpectDamaged(with(d, [](IndexEntry& e) { e.kind = 9; }), "unknown kind 9");
  ExpectDamaged(with(d, [](IndexEntry& e) { e.compression = 1; }),
                "entry 'd.txt' has unknown compression 1");
  ExpectDamaged(with(d, [](IndexEntry& e) { e.compression = 0xFF; }), "unknown compression");
  ExpectDamaged(with(d, [&](IndexEntry& e) { e.data_offset = t.payload_offset - 1; }),
                "entry 'd.txt' out of bounds");
  ExpectDamaged(with(d, [&](IndexEntry& e) { e.data_offset = t.index_offset; }),
                "entry 'd.txt' out of bounds");
  ExpectDamaged(with(d, [&](IndexEntry& e) { e.data_offset = kMax64; }), "out of bounds");
  ExpectDamaged(with(d, [&](IndexEntry& e) { e.data_offset = kMax64 - 4; }),
                "out of bounds");
  ExpectDamaged(with(d, [&](IndexEntry& e) { e.stored_size = e.size = 0xFFFFFFFF; }),
                "out of bounds");
  ExpectDamaged(with(d, [](IndexEntry& e) { e.size += 1; }), "entry 'd.txt' sizes inconsistent");
  ExpectDamaged(with(m, [](IndexEntry& e) { e.size = e.stored_size * 1033; }),
                "entry 'm' sizes inconsistent");
  // Members end at the index member's local header.
  const uint64_t digest_end = GetTrailer(app).index_offset - kIndexLocalHeaderSize;
  ExpectDamaged(with(d, [&](IndexEntry& e) { e.data_offset = digest_end - e.stored_size + 1; }),
                "entry 'd.txt' out of bounds");
  // A zero-length stored entry may sit right at the end of the members.
  std::vector<uint8_t> ok = with(d, [&](IndexEntry& e) {
    e.data_offset = digest_end;
    e.stored_size = e.size = 0;
  });
  std::string err;
  EXPECT_EQ(OpenApp(ok, &err), Result::kOk) << err;
}

TEST(PayloadReaderDamage, DeflateSizeLies) {
  const std::vector<uint8_t> app = SmallApp();
  const size_t m = IndexOf(app, "m", true);
  for (int delta : {-1, 1, 1000}) {
    std::vector<uint8_t> bad = app;
    IndexEntry e = GetEntry(app, m);
    e.size += delta;
    PutEntry(&bad, m, e);
    PayloadReader r;
    std::string err;
    ASSERT_EQ(r.Open(Span(bad), &err), Result::kOk) << err;
    std::span<const uint8_t> bytes;
    std::vector<uint8_t> storage;
    EXPECT_FALSE(r.Read(m, &bytes, &storage, &err));
    EXPECT_NE(err.find(delta < 0 ? "entry 'm' inflates to more" : "entry 'm' inflates to fewer"),
              std::string::npos)
        << err;
  }
  // Stored bytes that are not a deflate stream.
  std::vector<uint8_t> bad = app;
  IndexEntry e = GetEntry(app, m);
  for (uint32_t k = 0; k < e.stored_size; ++k) bad[e.data_offset + k] = 0xFF;
  PayloadReader r;
  std::string err;
  ASSERT_EQ(r.Open(Span(bad), &err), Result::kOk) << err;
  std::span<const uint8_t> bytes;
  std::vector<uint8_t> storage;
  EXPECT_FALSE(r.Read(m, &bytes, &storage, &err));
  EXPECT_NE(err.find("entry 'm' deflate stream corrupt"), std::string::npos) << err;
}

TEST(PayloadReaderDamage, UnsortedOrDuplicateEntries) {
  const std::vector<uint8_t> app = SmallApp();
  std::vector<uint8_t> bad = app;
  IndexEntry e0 = GetEntry(app, 0), e1 = GetEntry(app, 1);
  std::memcpy(bad.data() + EntryPos(bad, 0), &e1, sizeof e1);
  std::memcpy(bad.data() + EntryPos(bad, 1), &e0, sizeof e0);
  Reseal(&bad);
  ExpectDamaged(bad, "out of order");

  bad = app;
  PutEntry(&bad, 1, e0);
  ExpectDamaged(bad, "out of order");

  // A module kind among the files breaks the (kind class, name) order.
  bad = app;
  size_t last = GetTrailer(app).entry_count - 1;
  IndexEntry e = GetEntry(app, last);
  e.kind = static_cast<uint8_t>(EntryKind::kModule);
  PutEntry(&bad, last, e);
  ExpectDamaged(bad, "out of order");
}

TEST(PayloadReaderDamage, FailedOpenLeavesReaderEmpty) {
  std::vector<uint8_t> app = SmallApp();
  PayloadReader r;
  std::string err;
  ASSERT_EQ(r.Open(Span(app), &err), Result::kOk);
  app[TrailerPos(app) + 20] ^= 1;
  EXPECT_EQ(r.Open(Span(app), &err), Result::kDamaged);
  EXPECT_EQ(r.size(), 0u);
  EXPECT_EQ(r.FindModule("m"), -1);
}

}  // namespace
}  // namespace payload
