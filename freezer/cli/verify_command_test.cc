// `freezer verify`: the digest catches damage the CRCs cannot see (the stub,
// zip headers), the CRCs name damaged entries, the index CRC its own.
#include "freezer/cli/verify_command.h"

#include <gtest/gtest.h>

#include "archive/payload_digest.h"
#include "freezer/app_reader.h"
#include "freezer/cli/tool_test_util.h"

namespace freezer {
namespace {

using namespace payload::testing;
using namespace freezer::testing;

// Verifies `app` written to a file; "" when it passes, else the error.
std::string Verify(const std::vector<uint8_t>& app) {
  TempDir dir;
  WriteBytes(dir / "app", app);
  AppReader r;
  std::string err;
  if (!OpenApp(dir / "app", &r, &err, /*whole_file=*/false)) return err;
  return VerifyPayload(r.reader, &err) ? "" : err;
}

std::vector<uint8_t> App() { return BuildApp(FakeStub(2000), AppEntries()); }

size_t DataPos(const std::vector<uint8_t>& app, std::string_view name) {
  payload::PayloadReader r;
  std::string err;
  EXPECT_EQ(r.Open(Span(app), &err), payload::PayloadReader::OpenResult::kOk) << err;
  long i = r.FindFile(name);
  EXPECT_GE(i, 0);
  return static_cast<size_t>(r.entry(i).stored.data() - app.data());
}

TEST(Verify, IntactAppPasses) {
  EXPECT_EQ(Verify(App()), "");
  EXPECT_EQ(Verify(BuildApp(FakeStub(128), {})), "");
  // Format 2: a payload must follow an ELF image that ends where it starts.
  EXPECT_NE(Verify(BuildApp(FakeStub(0), {})).find("not an ELF file"), std::string::npos);
}

TEST(Verify, FlippedStubByteBreaksTheDigest) {
  for (size_t pos : {size_t{0}, size_t{1000}, size_t{1999}}) {
    std::vector<uint8_t> app = App();
    app[pos] ^= 0x40;
    std::string err = Verify(app);
    EXPECT_EQ(err.rfind("digest mismatch (recorded sha256:", 0), 0u) << err;
    EXPECT_NE(err.find(", computed sha256:"), std::string::npos) << err;
  }
}

TEST(Verify, FlippedMemberByteNamesTheEntry) {
  std::vector<uint8_t> app = App();
  app[DataPos(app, "libs/libfoo.so.1") + 10] ^= 1;  // stored
  EXPECT_EQ(Verify(app), "entry 'libs/libfoo.so.1' CRC mismatch");
  app = App();
  app[DataPos(app, "a/data.txt") + 3] ^= 0xff;  // deflated
  std::string err = Verify(app);
  EXPECT_EQ(err.rfind("entry 'a/data.txt' ", 0), 0u) << err;
}

TEST(Verify, FlippedLocalHeaderByteBreaksTheDigest) {
  // Zip local headers are outside every CRC, inside the digest.
  std::vector<uint8_t> app = App();
  size_t pos = DataPos(app, "libs/libfoo.so.1") - 5;  // in the header's name
  app[pos] ^= 1;
  EXPECT_EQ(Verify(app).rfind("digest mismatch", 0), 0u);
}

TEST(Verify, FlippedIndexByteFailsTheIndexCrc) {
  std::vector<uint8_t> app = App();
  const payload::Trailer t = GetTrailer(app);
  for (size_t off : {size_t{0}, size_t{30}, size_t{t.index_size - 1}}) {
    std::vector<uint8_t> bad = app;
    bad[t.index_offset + off] ^= 1;
    std::string err = Verify(bad);
    EXPECT_NE(err.find(": damaged payload: index CRC mismatch"), std::string::npos) << err;
  }
  // A changed recorded digest (the file's last bytes, outside every CRC) is
  // still caught.
  std::vector<uint8_t> bad = app;
  bad[bad.size() - 1] ^= 1;
  EXPECT_EQ(Verify(bad).rfind("digest mismatch", 0), 0u);
}

TEST(Verify, RunVerifyPrintsOneLine) {
  TempDir dir;
  std::vector<uint8_t> app = App();
  WriteBytes(dir / "app", app);
  payload::PayloadReader r;
  std::string err;
  ASSERT_EQ(r.Open(Span(app), &err), payload::PayloadReader::OpenResult::kOk);
  ::testing::internal::CaptureStdout();
  EXPECT_EQ(RunVerify({dir / "app"}), 0);
  EXPECT_EQ(::testing::internal::GetCapturedStdout(),
            dir / "app" + ": OK (12 entries, digest " +
                payload::DigestString(r.digest()) + ")\n");

  app[5] ^= 1;
  WriteBytes(dir / "bad", app);
  ::testing::internal::CaptureStderr();
  EXPECT_EQ(RunVerify({dir / "bad"}), 1);
  std::string out = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(out.rfind("freezer: error: " + dir / "bad" + ": digest mismatch", 0), 0u) << out;
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 1);
}

}  // namespace
}  // namespace freezer
