// `freezer extract`: the package layout, and that nothing lands outside DIR.
#include "freezer/cli/extract_command.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "freezer/cli/tool_test_util.h"

namespace freezer {
namespace {

using namespace payload::testing;
using namespace freezer::testing;
namespace fs = std::filesystem;

std::string Extract(const std::string& app, const std::string& dir, bool force = false) {
  size_t n = 0;
  std::string err;
  return ExtractApp(app, dir, force, &n, &err) ? "" : err;
}

TEST(Extract, SafePaths) {
  for (const char* ok : {"a", "a/b.pyc", ".freezer/boot", "a..b/.c", "x/...", "\xc3\xa9"})
    EXPECT_TRUE(IsSafeRelativePath(ok)) << ok;
  for (const char* bad : {"", "/a", "/", "a/", "a//b", ".", "..", "../a", "a/../b", "a/..",
                          "./a", "a/./b", "a\\b"})
    EXPECT_FALSE(IsSafeRelativePath(bad)) << bad;
  EXPECT_FALSE(IsSafeRelativePath(std::string("a\0b", 3)));
}

TEST(Extract, PackageLayout) {
  TempDir tmp;
  std::vector<payload::PayloadEntry> entries = AppEntries();
  WriteBytes(tmp / "app", BuildApp(FakeStub(128), entries));
  const std::string out = tmp / "out/nested";  // parents are created too
  size_t n = 0;
  std::string err;
  ASSERT_TRUE(ExtractApp(tmp / "app", out, false, &n, &err)) << err;
  EXPECT_EQ(n, entries.size());
  for (const auto& e : entries) {
    const std::string path = out + "/" + payload::ArchivePath(e);
    EXPECT_EQ(ReadBytes(path), e.bytes) << path;
  }
  EXPECT_EQ(ReadBytes(out + "/a/b.pyc"), Pyc(ReadBytes(out + "/a/b.py")));
  EXPECT_TRUE(fs::is_regular_file(out + "/a/__init__.pyc"));
  EXPECT_TRUE(fs::is_regular_file(out + "/.freezer/boot"));
  EXPECT_FALSE(fs::exists(out + "/.freezer/index"));
  size_t files = 0;
  for (const auto& f : fs::recursive_directory_iterator(out)) files += f.is_regular_file();
  EXPECT_EQ(files, entries.size());
}

// A data file listed executable in the boot manifest is written 0755, and
// its zip central header says so to unzip (Unix host, S_IFREG | 0755).
TEST(Extract, ExecutableDataKeepsItsBit) {
  TempDir tmp;
  std::vector<payload::PayloadEntry> entries = {
      {"pkg/run.sh", payload::EntryKind::kData, "#!/bin/sh\n", false},
      {"pkg/notes.txt", payload::EntryKind::kData, "text\n", false},
      {".freezer/boot", payload::EntryKind::kBootConfig, "executable=pkg/run.sh\n", false}};
  entries[0].executable = true;
  std::vector<uint8_t> bytes = BuildApp(FakeStub(128), entries);
  std::string app(bytes.begin(), bytes.end());
  WriteBytes(tmp / "app", bytes);
  ASSERT_EQ(Extract(tmp / "app", tmp / "out"), "");
  EXPECT_EQ(fs::status(tmp / "out/pkg/run.sh").permissions() & fs::perms::owner_exec, fs::perms::owner_exec);
  EXPECT_EQ(fs::status(tmp / "out/pkg/notes.txt").permissions() & fs::perms::owner_exec, fs::perms::none);
  // Central header of pkg/run.sh: "made by" at +4, external attributes at +38.
  size_t at = app.find(std::string("PK\x01\x02", 4));
  while (at != std::string::npos && app.compare(at + 46, 10, "pkg/run.sh") != 0)
    at = app.find(std::string("PK\x01\x02", 4), at + 1);
  ASSERT_NE(at, std::string::npos);
  auto u16 = [&](size_t o) { return uint8_t(app[o]) | uint32_t(uint8_t(app[o + 1])) << 8; };
  EXPECT_EQ(u16(at + 4) >> 8, 3u);  // Unix
  EXPECT_EQ(u16(at + 40), 0100755u);
}

TEST(Extract, NonEmptyDirNeedsForce) {
  TempDir tmp;
  WriteBytes(tmp / "app", BuildApp(FakeStub(128), AppEntries()));
  fs::create_directory(tmp / "out");
  WriteBytes(tmp / "out/a", {'x'});  // a file where a directory goes
  EXPECT_EQ(Extract(tmp / "app", tmp / "out"),
            tmp / "out" + ": directory is not empty (use --force to write into it)");
  EXPECT_EQ(Extract(tmp / "app", tmp / "out", true), tmp / "out/a: exists and is not a directory");
  fs::remove(tmp / "out/a");
  WriteBytes(tmp / "out/zz.pyc", {'o', 'l', 'd'});
  EXPECT_EQ(Extract(tmp / "app", tmp / "out", true), "");
  EXPECT_EQ(ReadBytes(tmp / "out/zz.pyc"), Pyc("zz"));  // replaced
  // An extracted tree is not empty: a second run needs --force.
  EXPECT_NE(Extract(tmp / "app", tmp / "out"), "");
  EXPECT_EQ(Extract(tmp / "app", tmp / "out", true), "");
}

TEST(Extract, NeverFollowsSymlinksInDir) {
  TempDir tmp;
  WriteBytes(tmp / "app", BuildApp(FakeStub(128), AppEntries()));
  fs::create_directory(tmp / "outside");
  fs::create_directory(tmp / "out");
  // A planted directory symlink.
  fs::create_directory_symlink(tmp / "outside", tmp / "out/a");
  EXPECT_EQ(Extract(tmp / "app", tmp / "out", true), tmp / "out/a: is a symlink (not followed)");
  EXPECT_TRUE(fs::is_empty(tmp / "outside"));
  // A planted file symlink (written last: entries go in index order).
  fs::remove(tmp / "out/a");
  WriteBytes(tmp / "outside/victim", {'v'});
  fs::create_symlink(tmp / "outside/victim", tmp / "out/libs");
  EXPECT_EQ(Extract(tmp / "app", tmp / "out", true), tmp / "out/libs: is a symlink (not followed)");
  fs::remove(tmp / "out/libs");
  fs::create_directory(tmp / "out/libs");
  fs::create_symlink(tmp / "outside/victim", tmp / "out/libs/libfoo.so.1");
  EXPECT_EQ(Extract(tmp / "app", tmp / "out", true),
            tmp / "out/libs/libfoo.so.1: is a symlink (not followed)");
  EXPECT_EQ(ReadBytes(tmp / "outside/victim"), "v");
}

// An app whose only entry's name is rewritten behind a valid index CRC.
std::vector<uint8_t> AppNaming(const std::string& name, payload::EntryKind kind,
                               const std::string& placeholder) {
  EXPECT_EQ(name.size(), placeholder.size());
  std::vector<uint8_t> app = BuildApp(FakeStub(128), {{placeholder, kind, "evil"}});
  const payload::Trailer t = GetTrailer(app);
  const size_t names = t.index_offset + sizeof(payload::IndexHeader) + sizeof(payload::IndexEntry);
  std::memcpy(app.data() + names, name.data(), name.size());
  Reseal(&app);
  payload::PayloadReader r;
  std::string err;
  EXPECT_EQ(r.Open(Span(app), &err), payload::PayloadReader::OpenResult::kOk) << err;
  return app;
}

TEST(Extract, RefusesPathsOutsideDir) {
  TempDir tmp;
  const struct { std::string name, placeholder; payload::EntryKind kind; } cases[] = {
      {"../evil", "aa/evil", payload::EntryKind::kData},
      {"/tmp/evil", "xtmp/evil", payload::EntryKind::kData},
      {"a/../../e", "a/bb/cc/e", payload::EntryKind::kSource},
      {"..evil", "a.evil", payload::EntryKind::kModule},  // -> "//evil.pyc"
      {".freezer/index", ".freezer/indey", payload::EntryKind::kData},
  };
  for (const auto& c : cases) {
    WriteBytes(tmp / "app", AppNaming(c.name, c.kind, c.placeholder));
    std::string err = Extract(tmp / "app", tmp / "out");
    EXPECT_EQ(err, tmp / "app" + ": entry '" + c.name + "' has an unsafe path; nothing written");
    EXPECT_FALSE(fs::exists(tmp / "out"));
  }
  EXPECT_FALSE(fs::exists(tmp.path() + "/../evil"));
}

TEST(Extract, DamagedEntryStops) {
  TempDir tmp;
  std::vector<uint8_t> app = BuildApp(FakeStub(128), {{"f.txt", payload::EntryKind::kData, "hello"}});
  payload::PayloadReader r;
  std::string err;
  ASSERT_EQ(r.Open(Span(app), &err), payload::PayloadReader::OpenResult::kOk);
  app[r.entry(0).stored.data() - app.data()] ^= 1;
  WriteBytes(tmp / "app", app);
  err = Extract(tmp / "app", tmp / "out");
  EXPECT_NE(err.find("entry 'f.txt' CRC mismatch"), std::string::npos) << err;
  EXPECT_FALSE(fs::exists(tmp / "out/f.txt"));
}

}  // namespace
}  // namespace freezer
