// The payload digest: SHA-256 itself, and what the writer records.
#include "archive/payload_digest.h"

#include <gtest/gtest.h>

#include "archive/payload_test_util.h"

namespace payload {
namespace {

using namespace payload::testing;

std::span<const uint8_t> Str(const std::string& s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

TEST(Sha256, KnownVectors) {
  EXPECT_EQ(DigestString(ComputeSha256({})),
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(DigestString(ComputeSha256(Str("abc"))),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  Sha256Hasher h;
  h.Update(Str("a"));
  h.Update(Str(""));
  h.Update(Str("bc"));
  EXPECT_EQ(h.Finish(), ComputeSha256(Str("abc")));
}

// Format 2: the digest is the file's last 32 bytes and covers all the others.
TEST(PayloadDigest, CoversTheWholeFileButItself) {
  const std::string stub = FakeStub(777);
  std::vector<uint8_t> app = BuildApp(stub, SampleEntries());
  PayloadReader r;
  std::string err;
  ASSERT_EQ(r.Open(Span(app), &err), PayloadReader::OpenResult::kOk) << err;
  EXPECT_EQ(ComputeSha256(Span(app).first(app.size() - kDigestSize)),
            Sha256(std::to_array(r.trailer().sha256)));
  EXPECT_EQ(Bytes(Span(app).last(kDigestSize)),
            Bytes(std::span<const uint8_t>(r.digest().data(), kDigestSize)));
}

TEST(PayloadDigest, DependsOnTheStub) {
  std::vector<uint8_t> a = BuildApp(FakeStub(100), SampleEntries());
  std::string other = FakeStub(100);
  other[50] ^= 1;
  std::vector<uint8_t> b = BuildApp(other, SampleEntries());
  PayloadReader ra, rb;
  std::string err;
  ASSERT_EQ(ra.Open(Span(a), &err), PayloadReader::OpenResult::kOk) << err;
  ASSERT_EQ(rb.Open(Span(b), &err), PayloadReader::OpenResult::kOk) << err;
  EXPECT_NE(std::to_array(ra.trailer().sha256), std::to_array(rb.trailer().sha256));
}

TEST(PayloadDigest, EmptyPayload) {
  std::vector<uint8_t> app = BuildApp(FakeStub(10), {});
  PayloadReader r;
  std::string err;
  ASSERT_EQ(r.Open(Span(app), &err), PayloadReader::OpenResult::kOk) << err;
  EXPECT_EQ(ComputeSha256(Span(app).first(app.size() - kDigestSize)),
            Sha256(std::to_array(r.trailer().sha256)));
}

TEST(PayloadDigest, WriterNeedsTheStubInItsOutput) {
  std::string out, err;
  EXPECT_FALSE(WritePayload(4, kPyMagic, {{"f", EntryKind::kData, "x"}}, &out, &err));
  EXPECT_NE(err.find("4-byte stub"), std::string::npos) << err;
  EXPECT_TRUE(out.empty());
}

}  // namespace
}  // namespace payload
