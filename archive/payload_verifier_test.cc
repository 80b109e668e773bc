// freezer verify's whole-file checks against files whose CRCs and digest an
// attacker recomputed: a rewired index, a moved payload offset, edits to the
// zip records the stub never reads, bytes slipped between members.
#include "archive/payload_verifier.h"

#include <gtest/gtest.h>

#include "archive/payload_digest.h"
#include "archive/payload_test_util.h"

namespace payload {
namespace {

using namespace payload::testing;

std::vector<uint8_t> App() { return BuildApp(FakeStub(2000), SampleEntries()); }

// Recomputes the digest, as anyone who edits the file can.
void Redigest(std::vector<uint8_t>* app) {
  Sha256 d = ComputeSha256(std::span<const uint8_t>(app->data(), app->size() - kDigestSize));
  std::copy(d.begin(), d.end(), app->end() - kDigestSize);
}

// "" when the reader opens `app` and every check passes, else the error.
std::string Check(const std::vector<uint8_t>& app) {
  PayloadReader r;
  std::string err;
  if (r.Open(Span(app), &err) != PayloadReader::OpenResult::kOk) return "open: " + err;
  return VerifyPayloadFile(r, &err) ? "" : err;
}

void ExpectRefused(const std::vector<uint8_t>& app, const std::string& needle) {
  // The stub's checks pass: only the whole-file checks can tell.
  PayloadReader r;
  std::string err;
  ASSERT_EQ(r.Open(Span(app), &err), PayloadReader::OpenResult::kOk) << err;
  std::string why = Check(app);
  EXPECT_NE(why.find(needle), std::string::npos) << "error: '" << why << "'";
}

size_t Find(const std::vector<uint8_t>& app, std::string_view needle, size_t from = 0) {
  auto it = std::search(app.begin() + from, app.end(), needle.begin(), needle.end());
  EXPECT_NE(it, app.end()) << needle;
  return static_cast<size_t>(it - app.begin());
}

long EntryIndex(const std::vector<uint8_t>& app, std::string_view name) {
  PayloadReader r;
  std::string err;
  EXPECT_EQ(r.Open(Span(app), &err), PayloadReader::OpenResult::kOk) << err;
  long i = r.FindFile(name);
  if (i < 0) i = r.FindModule(name);
  EXPECT_GE(i, 0) << name;
  return i;
}

TEST(PayloadVerifier, AcceptsWhatTheWriterWrites) {
  EXPECT_EQ(Check(App()), "");
  EXPECT_EQ(Check(BuildApp(FakeStub(128), {})), "");
}

// One module's entry pointed at another member's bytes (with its sizes and
// CRCs): every CRC the stub checks still matches.
TEST(PayloadVerifier, RefusesARewiredIndex) {
  std::vector<uint8_t> app = App();
  long from = EntryIndex(app, "a.b"), to = EntryIndex(app, "a");
  IndexEntry e = GetEntry(app, static_cast<size_t>(from));
  IndexEntry target = GetEntry(app, static_cast<size_t>(to));
  e.data_offset = target.data_offset;
  e.stored_size = target.stored_size;
  e.size = target.size;
  e.crc32 = target.crc32;
  e.crc32c = target.crc32c;
  e.compression = target.compression;
  PutEntry(&app, static_cast<size_t>(from), e);
  Redigest(&app);
  ExpectRefused(app, "does not start right after its own local header");
}

TEST(PayloadVerifier, RefusesAPayloadOffsetThatIsNotTheStubsEnd) {
  std::vector<uint8_t> app = App();
  Trailer t = GetTrailer(app);
  t.payload_size += t.payload_offset;
  t.payload_offset = 0;
  PutTrailer(&app, t);
  Redigest(&app);
  ExpectRefused(app, "is not the end of the stub's ELF image");
}

TEST(PayloadVerifier, RefusesEditsToRecordsTheStubNeverReads) {
  const std::vector<uint8_t> app = App();
  const Trailer t = GetTrailer(app);
  struct Case {
    size_t pos;
    const char* needle;
  } cases[] = {
      {t.index_offset - kIndexLocalHeaderSize + 16, "zip local header of '.freezer/index'"},
      {t.index_offset + t.index_size + 20, "zip central directory record"},
      {app.size() - sizeof(Trailer) - kZipEndOfCentralDirSize + 8, "end of central directory"},
      {Find(app, "PK\x03\x04") + 14, "zip local header of"},  // a member's CRC field
  };
  for (const Case& c : cases) {
    std::vector<uint8_t> bad = app;
    bad[c.pos] ^= 0x40;
    Redigest(&bad);
    SCOPED_TRACE(c.pos);
    ExpectRefused(bad, c.needle);
  }
  std::vector<uint8_t> bad = app;
  Trailer f = t;
  f.reserved = 1;
  PutTrailer(&bad, f);
  Redigest(&bad);
  ExpectRefused(bad, "trailer reserved fields");
}

// Two entries sharing bytes: the second one's local header is not where the
// index puts its data.
TEST(PayloadVerifier, RefusesOverlappingEntries) {
  std::vector<uint8_t> app = App();
  // A zero-length entry's CRCs hold at any offset: moved into another member.
  long i = EntryIndex(app, "empty.txt");
  IndexEntry e = GetEntry(app, static_cast<size_t>(i));
  e.data_offset = GetEntry(app, static_cast<size_t>(EntryIndex(app, "libs/libfoo.so.1"))).data_offset + 10;
  PutEntry(&app, static_cast<size_t>(i), e);
  Redigest(&app);
  ExpectRefused(app, "does not start right after its own local header");
}

TEST(PayloadVerifier, RefusesNamesThatSkipBytesOfTheBlob) {
  std::vector<uint8_t> app = App();
  // The last name one byte shorter leaves the blob's last byte unnamed; the
  // names stay sorted, so the stub's checks pass.
  const size_t last = GetTrailer(app).entry_count - 1;
  IndexEntry e = GetEntry(app, last);
  ASSERT_GT(e.name_size, 1);
  e.name_size -= 1;
  PutEntry(&app, last, e);
  Redigest(&app);
  std::string why = Check(app);
  EXPECT_NE(why, "");
}

// Every single-byte change of a small app is refused, digest recomputed or not.
TEST(PayloadVerifier, EveryFlippedByteIsRefused) {
  const std::vector<uint8_t> app = BuildApp(
      FakeStub(256), {{"m", EntryKind::kModule, Pyc(std::string(300, 'm')), true},
                      {"d.txt", EntryKind::kData, "data bytes", false}});
  for (size_t pos = 0; pos < app.size(); ++pos) {
    std::vector<uint8_t> bad = app;
    bad[pos] ^= 0x01;
    EXPECT_NE(Check(bad), "") << "flip at " << pos << " accepted";
  }
}

TEST(PayloadVerifier, ElfImageEnd) {
  std::string stub = FakeStub(1000);
  uint64_t end = 0;
  std::string err;
  ASSERT_TRUE(ElfImageEnd(Span(std::vector<uint8_t>(stub.begin(), stub.end())), &end, &err))
      << err;
  EXPECT_EQ(end, 1000u);
  std::vector<uint8_t> junk(1000, 'x');
  EXPECT_FALSE(ElfImageEnd(Span(junk), &end, &err));
  EXPECT_NE(err.find("not a little-endian ELF64"), std::string::npos) << err;
  // A section header table past the end.
  std::vector<uint8_t> cut(stub.begin(), stub.begin() + 900);
  EXPECT_FALSE(ElfImageEnd(Span(cut), &end, &err));
  EXPECT_NE(err.find("section headers lies outside"), std::string::npos) << err;
}

}  // namespace
}  // namespace payload
