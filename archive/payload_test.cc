// Round trips through WritePayload and PayloadReader, and writer rejections.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

#include "archive/payload_test_util.h"

namespace payload {
namespace {

using namespace payload::testing;

TEST(PayloadFormat, KindNames) {
  EXPECT_EQ(KindName(EntryKind::kModule), "module");
  EXPECT_EQ(KindName(EntryKind::kPackage), "package");
  EXPECT_EQ(KindName(EntryKind::kSource), "source");
  EXPECT_EQ(KindName(EntryKind::kData), "data");
  EXPECT_EQ(KindName(EntryKind::kExtension), "extension");
  EXPECT_EQ(KindName(EntryKind::kSharedLib), "shared-lib");
  EXPECT_EQ(KindName(EntryKind::kMetadata), "metadata");
  EXPECT_EQ(KindName(EntryKind::kBootConfig), "boot-config");
  EXPECT_EQ(KindName(static_cast<EntryKind>(0)), "unknown");
}

// Modules imported only by computed names carry names no import statement
// could spell; the payload holds them (and finds them) all the same.
TEST(PayloadFormat, ModuleNamesWiderThanIdentifiers) {
  for (const char* ok : {"a", "a.b", "_sysconfigdata__x86_64-linux-gnu", "0f1e2d__mypyc", "pkg.x-y"})
    EXPECT_TRUE(IsValidModuleName(ok)) << ok;
  for (const char* bad : {"", "a..b", ".a", "a.", "a/b", "a b", "a:b"})
    EXPECT_FALSE(IsValidModuleName(bad)) << bad;
}

TEST(PayloadFormat, ModuleInPackage) {
  EXPECT_TRUE(IsModuleInPackage("a", "a"));
  EXPECT_TRUE(IsModuleInPackage("a.b.c", "a.b"));
  EXPECT_FALSE(IsModuleInPackage("ab", "a"));
  EXPECT_FALSE(IsModuleInPackage("a", "a.b"));
  EXPECT_FALSE(IsModuleInPackage("a_b.c", "a"));
}

TEST(PayloadWriter, ArchivePaths) {
  EXPECT_EQ(ArchivePath({"a.b.c", EntryKind::kModule}), "a/b/c.pyc");
  EXPECT_EQ(ArchivePath({"a", EntryKind::kModule}), "a.pyc");
  EXPECT_EQ(ArchivePath({"a.b", EntryKind::kPackage}), "a/b/__init__.pyc");
  EXPECT_EQ(ArchivePath({"a/b.py", EntryKind::kSource}), "a/b.py");
  EXPECT_EQ(ArchivePath({"x.y/z.txt", EntryKind::kData}), "x.y/z.txt");
}

TEST(PayloadRoundTrip, AllEntriesReadBack) {
  const std::string stub = FakeStub(1000);
  std::vector<PayloadEntry> in = SampleEntries();
  std::vector<uint8_t> app = BuildApp(stub, in);
  ASSERT_EQ(Bytes(Span(app).first(stub.size())), stub);

  PayloadReader r;
  std::string err;
  ASSERT_EQ(r.Open(Span(app), &err), PayloadReader::OpenResult::kOk) << err;
  EXPECT_EQ(r.trailer().format_version, kFormatVersion);
  EXPECT_EQ(r.trailer().python_magic, kPyMagic);
  EXPECT_EQ(r.trailer().payload_offset, stub.size());
  EXPECT_EQ(r.trailer().payload_size, app.size() - stub.size());
  EXPECT_EQ(r.trailer().flags, 0u);
  ASSERT_EQ(r.size(), in.size());
  EXPECT_EQ(r.trailer().entry_count, in.size());

  for (const PayloadEntry& e : in) {
    SCOPED_TRACE(e.name);
    long i = IsModuleKind(e.kind) ? r.FindModule(e.name) : r.FindFile(e.name);
    ASSERT_GE(i, 0);
    EntryView v = r.entry(i);
    EXPECT_EQ(v.name, e.name);
    EXPECT_EQ(v.kind, e.kind);
    EXPECT_EQ(v.size, e.bytes.size());
    EXPECT_EQ(v.stored.size(), v.stored_size);
    std::span<const uint8_t> bytes;
    std::vector<uint8_t> storage;
    ASSERT_TRUE(r.Read(i, &bytes, &storage, &err)) << err;
    EXPECT_EQ(Bytes(bytes), e.bytes);
    if (v.compression == Compression::kStored) {
      EXPECT_EQ(v.stored_size, v.size);
      EXPECT_TRUE(storage.empty());  // no copy
      if (!bytes.empty()) {
        EXPECT_GE(bytes.data(), app.data());
        EXPECT_LE(bytes.data() + bytes.size(), app.data() + app.size());
      }
    } else {
      EXPECT_LT(v.stored_size, v.size);
    }
  }
  // Deflated only when asked and when it helps.
  auto compression = [&](std::string_view name, bool module) {
    return r.entry(module ? r.FindModule(name) : r.FindFile(name)).compression;
  };
  EXPECT_EQ(compression("a.b", true), Compression::kDeflate);
  EXPECT_EQ(compression("a/data.txt", false), Compression::kDeflate);
  EXPECT_EQ(compression("zz", true), Compression::kStored);
  EXPECT_EQ(compression("a/random.bin", false), Compression::kStored);
  EXPECT_EQ(compression("empty.txt", false), Compression::kStored);
}

TEST(PayloadRoundTrip, LookupMisses) {
  std::vector<uint8_t> app = BuildApp(FakeStub(10), SampleEntries());
  PayloadReader r;
  std::string err;
  ASSERT_EQ(r.Open(Span(app), &err), PayloadReader::OpenResult::kOk) << err;
  EXPECT_EQ(r.FindModule("a.c"), -1);
  EXPECT_EQ(r.FindModule("a.b.c"), -1);
  EXPECT_EQ(r.FindModule(""), -1);
  EXPECT_EQ(r.FindModule("a/data.txt"), -1);  // files are not modules
  EXPECT_EQ(r.FindFile("a/b.pyc"), -1);       // modules are found by name
  EXPECT_EQ(r.FindFile("a.b"), -1);
  EXPECT_EQ(r.FindFile(""), -1);
  EXPECT_EQ(r.FindFile("zzzz"), -1);
  EXPECT_EQ(r.FindFile("\xff"), -1);
  EXPECT_EQ(r.FindFile(std::string(kIndexMemberName)), -1);
  std::span<const uint8_t> bytes;
  std::vector<uint8_t> storage;
  EXPECT_FALSE(r.Read(r.size(), &bytes, &storage, &err));
}

TEST(PayloadRoundTrip, SameNameInBothNamespaces) {
  std::vector<uint8_t> app = BuildApp(
      "", {{"x", EntryKind::kModule, Pyc("module")}, {"x", EntryKind::kData, "data"}});
  PayloadReader r;
  std::string err;
  ASSERT_EQ(r.Open(Span(app), &err), PayloadReader::OpenResult::kOk) << err;
  std::vector<std::string> all;
  ASSERT_TRUE(ReadAll(r, &all, &err)) << err;
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[r.FindModule("x")], Pyc("module"));
  EXPECT_EQ(all[r.FindFile("x")], "data");
}

TEST(PayloadRoundTrip, EmptyPayload) {
  std::vector<uint8_t> app = BuildApp(FakeStub(100), {});
  PayloadReader r;
  std::string err;
  ASSERT_EQ(r.Open(Span(app), &err), PayloadReader::OpenResult::kOk) << err;
  EXPECT_EQ(r.size(), 0u);
  EXPECT_EQ(r.FindModule("a"), -1);
  EXPECT_EQ(r.FindFile("a"), -1);
}

TEST(PayloadRoundTrip, ManyEntriesAllFound) {
  std::vector<PayloadEntry> in;
  for (int i = 0; i < 1500; ++i) {
    std::string n = std::to_string(i * 7919 % 1500);
    in.push_back({"m" + n + ".sub" + n, EntryKind::kModule, Pyc(n), i % 2 == 0});
    in.push_back({"p" + n, EntryKind::kPackage, Pyc("p" + n)});
    in.push_back({"d/" + n + ".txt", EntryKind::kData, n});
  }
  std::vector<uint8_t> app = BuildApp("", in);
  PayloadReader r;
  std::string err;
  ASSERT_EQ(r.Open(Span(app), &err), PayloadReader::OpenResult::kOk) << err;
  ASSERT_EQ(r.size(), in.size());
  for (const PayloadEntry& e : in) {
    long i = IsModuleKind(e.kind) ? r.FindModule(e.name) : r.FindFile(e.name);
    ASSERT_GE(i, 0) << e.name;
    EXPECT_EQ(r.entry(i).name, e.name);
    EXPECT_EQ(r.entry(i).kind, e.kind);
  }
  EXPECT_EQ(r.FindModule("m1.sub2"), -1);
  EXPECT_EQ(r.FindFile("d/1500.txt"), -1);
}

TEST(PayloadWriter, Deterministic) {
  std::vector<PayloadEntry> in = SampleEntries();
  std::vector<PayloadEntry> shuffled = in;
  std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(42));
  std::vector<uint8_t> a = BuildApp(FakeStub(512), in);
  std::vector<uint8_t> b = BuildApp(FakeStub(512), in);
  std::vector<uint8_t> c = BuildApp(FakeStub(512), shuffled);
  EXPECT_EQ(a, b);
  EXPECT_EQ(a, c);
}

TEST(PayloadWriter, AppendsToOutAtBaseOffset) {
  std::string out = "stub";
  std::string err;
  ASSERT_TRUE(WritePayload(4, kPyMagic, {{"f", EntryKind::kData, "x"}}, &out, &err))
      << err;
  EXPECT_EQ(out.substr(0, 8), std::string("stubPK\x03\x04", 8));
}

// Expects WritePayload to fail with an error containing `needle`.
void ExpectRejected(std::vector<PayloadEntry> in, const std::string& needle) {
  std::string out = "keep";
  std::string err;
  EXPECT_FALSE(WritePayload(4, kPyMagic, std::move(in), &out, &err));
  EXPECT_NE(err.find(needle), std::string::npos) << "error: " << err;
  EXPECT_EQ(out, "keep");
}

TEST(PayloadWriter, RejectsDuplicates) {
  ExpectRejected({{"a.b", EntryKind::kModule}, {"a.b", EntryKind::kModule}},
                 "duplicate entry 'a.b'");
  ExpectRejected({{"a.b", EntryKind::kModule}, {"a.b", EntryKind::kPackage}},
                 "duplicate entry 'a.b'");
  ExpectRejected({{"d/x", EntryKind::kData}, {"d/x", EntryKind::kMetadata}},
                 "duplicate entry 'd/x'");
  // Same archive path from different namespaces.
  ExpectRejected({{"a.b", EntryKind::kModule}, {"a/b.pyc", EntryKind::kData}},
                 "duplicate entry 'a/b.pyc'");
  ExpectRejected({{"a/__init__.pyc", EntryKind::kData}, {"a", EntryKind::kPackage}},
                 "duplicate entry 'a'");
}

// An archive path is a file or a directory: `freezer extract` cannot write
// json/__init__.pyc/x below the file json/__init__.pyc.
TEST(PayloadWriter, RejectsAFileWhereADirectoryIs) {
  ExpectRejected({{"json", EntryKind::kPackage}, {"json/__init__.pyc/x", EntryKind::kData}},
                 "entry 'json/__init__.pyc/x' would be below the file entry 'json/__init__.pyc'");
  ExpectRejected({{"d/x/y.txt", EntryKind::kData}, {"d/x", EntryKind::kData}},
                 "entry 'd/x/y.txt' would be below the file entry 'd/x'");
  ExpectRejected({{"a.b", EntryKind::kModule}, {"a/b.pyc/c", EntryKind::kData}},
                 "below the file entry 'a/b.pyc'");
}

TEST(PayloadWriter, RejectsBadNames) {
  const char* bad_paths[] = {"/abs", "a/../b", "..", "../a", "./a", "a/./b", "a/.",
                             "a\\b", "a//b", "a/", "/"};
  for (const char* p : bad_paths)
    ExpectRejected({{p, EntryKind::kData}}, "bad entry name '" + std::string(p) + "'");
  ExpectRejected({{std::string("a\0b", 3), EntryKind::kData}}, "bad entry name");
  ExpectRejected({{std::string(65536, 'x'), EntryKind::kData}}, "bad entry name");
  ExpectRejected({{"", EntryKind::kData}}, "empty entry name");
  ExpectRejected({{"", EntryKind::kModule}}, "empty entry name");
  const char* bad_modules[] = {"a..b", ".a", "a.", ".", "a/b", "a b", "a\\b", "a:b"};
  for (const char* m : bad_modules) {
    ExpectRejected({{m, EntryKind::kModule}}, "bad module name '" + std::string(m) + "'");
    ExpectRejected({{m, EntryKind::kPackage}}, "bad module name");
  }
  ExpectRejected({{std::string(kIndexMemberName), EntryKind::kData}}, "reserved");
  ExpectRejected({{"x", static_cast<EntryKind>(0)}}, "unknown kind");
  ExpectRejected({{"x", static_cast<EntryKind>(9)}}, "unknown kind");
}

TEST(PayloadWriter, AcceptsUnusualButValidNames) {
  std::string out, err;
  EXPECT_TRUE(WritePayload(0, kPyMagic,
                           {{"_a.b_2.\xc3\xa9t\xc3\xa9", EntryKind::kModule},
                            {"a...b/.hidden/x..y", EntryKind::kData},
                            {std::string(65535, 'x'), EntryKind::kData}},
                           &out, &err))
      << err;
}

TEST(PayloadWriter, RejectsTooManyEntries) {
  std::vector<PayloadEntry> in(65535);
  for (size_t i = 0; i < in.size(); ++i) in[i].name = std::to_string(i);
  ExpectRejected(std::move(in), "too many entries");
}

TEST(PayloadWriter, RejectsPayloadReaching4GiB) {
  std::string out, err;
  EXPECT_FALSE(WritePayload(0xFFFFF000u, kPyMagic,
                            {{"f", EntryKind::kData, std::string(8192, 'x')}}, &out,
                            &err));
  EXPECT_NE(err.find("too large"), std::string::npos) << err;
  EXPECT_TRUE(out.empty());
  EXPECT_FALSE(WritePayload(uint64_t{1} << 33, kPyMagic, {}, &out, &err));
}

}  // namespace
}  // namespace payload

namespace payload {
namespace {

// DOS time and date of the first local header, which follows a 4-byte stub.
std::pair<uint16_t, uint16_t> FirstMemberDosTime(int64_t timestamp) {
  std::string out = "STUB", err;
  EXPECT_TRUE(WritePayload(4, 0x0a0d0da7, {{"f", EntryKind::kData, "x"}}, &out, &err, timestamp))
      << err;
  uint16_t time, date;
  std::memcpy(&time, out.data() + 4 + 10, 2);
  std::memcpy(&date, out.data() + 4 + 12, 2);
  return {time, date};
}

TEST(PayloadWriter, TimestampsAreFixedOrSourceDateEpoch) {
  // Default: the zip epoch, 1980-01-01 00:00:00.
  EXPECT_EQ(FirstMemberDosTime(-1), std::make_pair(uint16_t{0}, uint16_t{(1 << 5) | 1}));
  // 1700000000 = 2023-11-14 22:13:20 UTC.
  EXPECT_EQ(FirstMemberDosTime(1700000000),
            std::make_pair(uint16_t{(22 << 11) | (13 << 5) | 10},
                           uint16_t{((2023 - 1980) << 9) | (11 << 5) | 14}));
  // Before the zip epoch: clamped to it.
  EXPECT_EQ(FirstMemberDosTime(0), FirstMemberDosTime(-1));
}

}  // namespace
}  // namespace payload
