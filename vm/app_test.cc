// Opening the running app's payload (no interpreter needed): what a good
// app gives, and the one-line message for each way it can be wrong.
#include "vm/app.h"

#include <elf.h>
#include <gtest/gtest.h>
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstring>
#include <fstream>

#include "archive/payload_test_util.h"

namespace vm {
namespace {

using namespace payload::testing;

// A file in the test's temporary directory, removed when the test ends.
struct TempFile {
  std::string path;
  ~TempFile() { unlink(path.c_str()); }
};

TempFile WriteFile(const std::string& name, const std::string& bytes) {
  TempFile f{::testing::TempDir() + "/" + std::to_string(getpid()) + "_" + name};
  std::ofstream(f.path, std::ios::binary) << bytes;
  return f;
}

TempFile WriteApp(const std::string& name, std::vector<payload::PayloadEntry> entries) {
  std::vector<uint8_t> app = BuildApp(FakeStub(1000), std::move(entries));
  return WriteFile(name, std::string(app.begin(), app.end()));
}

payload::PayloadEntry Member(std::string_view name, std::string text) {
  return {std::string(name), payload::EntryKind::kBootConfig, std::move(text), false};
}

// An ELF header whose section table ends the image `image_size` bytes in.
std::string ElfImage(size_t image_size) {
  Elf64_Ehdr eh = {};
  memcpy(eh.e_ident, ELFMAG, SELFMAG);
  eh.e_ident[EI_CLASS] = ELFCLASS64;
  eh.e_shentsize = 64;
  eh.e_shnum = 2;
  eh.e_shoff = image_size - 2 * 64;
  std::string image(image_size, '\0');
  memcpy(image.data(), &eh, sizeof(eh));
  return image;
}

std::string OpenError(const TempFile& file) {
  App app;
  std::string err;
  EXPECT_FALSE(app.Open(file.path, &err));
  return err;
}

std::string OpenError(const std::string& path) {
  App app;
  std::string err;
  EXPECT_FALSE(app.Open(path, &err));
  return err;
}

TEST(App, OpensAPayloadAndItsBootManifest) {
  TempFile file = WriteApp("good", {Member(payload::kBootManifestPath,
                                              "entry_kind=module\nentry_target=tool\nsources=1\n"),
                                       {"tool", payload::EntryKind::kModule, Pyc("x"), false}});
  App app;
  std::string err;
  ASSERT_TRUE(app.Open(file.path, &err)) << err;
  EXPECT_EQ(app.path, file.path);
  EXPECT_EQ(app.boot.entry_kind, payload::BootManifest::EntryKind::kModule);
  EXPECT_EQ(app.boot.entry_target, "tool");
  EXPECT_TRUE(app.boot.sources);
  EXPECT_GE(app.reader.FindModule("tool"), 0);
  EXPECT_EQ(app.digest_hex.size(), 32u);
  EXPECT_EQ(app.digest_hex.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_TRUE(app.native_manifest().preload.empty());  // no member: nothing to preload
}

TEST(App, ReadsTheNativeManifestOnDemand) {
  TempFile file = WriteApp(
      "native", {Member(payload::kBootManifestPath, "script_name=s.py\n"),
                 Member(payload::kNativeManifestPath, "ext\t_x.so\t.libs/liba.so .libs/libb.so\n")});
  App app;
  std::string err;
  ASSERT_TRUE(app.Open(file.path, &err)) << err;
  std::vector<std::string> libs = {".libs/liba.so", ".libs/libb.so"};
  EXPECT_EQ(app.native_manifest().preload.at("_x.so"), libs);
}

TEST(App, BareStubSaysHowToMakeAnApp) {
  EXPECT_EQ(OpenError(WriteFile("bare", ElfImage(512))),
            "no payload: this is a bare freezer stub; make an app with `freezer build script.py -o app`");
}

TEST(App, BytesAfterTheImageWithoutATrailerAreATruncatedPayload) {
  EXPECT_EQ(OpenError(WriteFile("truncated", ElfImage(512) + std::string(300, 'x'))),
            "damaged payload: no trailer at the end of the file (truncated?)");
}

TEST(App, BootManifestMissingOrMalformed) {
  EXPECT_EQ(OpenError(WriteApp("no_boot", {{"m", payload::EntryKind::kModule, Pyc("x"), false}})),
            "damaged payload: no boot manifest");
  EXPECT_EQ(OpenError(WriteApp("bad_boot", {Member(payload::kBootManifestPath, "colour=blue\n")})),
            "damaged payload: boot manifest: unknown key 'colour'");
}

TEST(App, DamagedIndexIsADamagedPayload) {
  std::vector<uint8_t> app =
      BuildApp(FakeStub(1000), {Member(payload::kBootManifestPath, "script_name=s.py\n")});
  payload::Trailer t = GetTrailer(app);
  app[t.index_offset + 1] ^= 0xff;  // the index no longer matches its CRC
  std::string err = OpenError(WriteFile("damaged", std::string(app.begin(), app.end())));
  EXPECT_EQ(err.rfind("damaged payload: ", 0), 0u) << err;
}

TEST(App, UnreadableExecutable) {
  EXPECT_FALSE(OpenError(::testing::TempDir() + "/no/such/app").empty());
}

}  // namespace
}  // namespace vm

namespace vm {
namespace {

TEST(FindExecutable, WithoutProcTheExecutedFileNotArgv0) {
  std::string path, err;
  ASSERT_TRUE(ExecutableFromExecFn("/proc/../bin/sh", false, &path, &err)) << err;
  char real[PATH_MAX];
  ASSERT_TRUE(realpath("/bin/sh", real));
  EXPECT_EQ(path, real);
  EXPECT_FALSE(ExecutableFromExecFn(nullptr, false, &path, &err));
  EXPECT_FALSE(ExecutableFromExecFn("", false, &path, &err));
  EXPECT_FALSE(ExecutableFromExecFn("/no/such/file", false, &path, &err));
}

TEST(FindExecutable, SecureExecutionNeedsProc) {
  std::string path, err;
  EXPECT_FALSE(ExecutableFromExecFn("/bin/sh", true, &path, &err));
  EXPECT_NE(err.find("secure-execution"), std::string::npos) << err;
}

}  // namespace
}  // namespace vm
