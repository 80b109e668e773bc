// Lowering Debian 12's own libraries (freezer/native/glibc_lowering.h): the
// rewritten bytes need nothing above the floor by our reader and by
// binutils' objdump, and still load (dlopen on this machine).
#include "freezer/native/glibc_lowering.h"

#include <dlfcn.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "freezer/native/elf_file.h"
#include "freezer/native/native_closure.h"
#include "freezer/native/symbol_versions.h"

namespace freezer {
namespace {

const char* kLibDir = "/usr/lib/x86_64-linux-gnu/";

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// What the stub exports (stub/glibc_floor/exports.list), for these tests.
GlibcLoweringInputs Inputs(const std::string& floor) {
  GlibcLoweringInputs in;
  in.floor = floor;
  std::string err;
  EXPECT_TRUE(ReadHostGlibc(SystemLibraryDirs(), &in.host, &err)) << err;
  in.stub_exports = {"stat",   "fstat",  "lstat",  "fstatat",    "stat64",       "fstat64",
                     "lstat64", "fstatat64", "getentropy", "memfd_create", "close_range",
                     "_dl_find_object", "arc4random", "arc4random_buf", "__libc_single_threaded",
                     "fcntl64"};
  return in;
}

std::string Shell(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  char buf[4096];
  size_t n;
  while (p && (n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  if (p) pclose(p);
  return out;
}

// Writes `bytes` to a temporary file named `name`; returns its path.
std::string TempLib(const std::string& name, const std::string& bytes) {
  std::string dir = testing::TempDir() + "lowering." + std::to_string(getpid());
  mkdir(dir.c_str(), 0755);
  std::string path = dir + "/" + name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

// Lowered to `floor`: nothing above it by our reader and by objdump, same
// size, and dlopen loads it.
void ExpectLowered(const std::string& name, const std::string& floor, GlibcLowering* out) {
  std::string bytes = Read(kLibDir + name), original = bytes, err;
  ASSERT_FALSE(bytes.empty()) << name;
  ASSERT_TRUE(LowerGlibcNeeds(Inputs(floor), &bytes, out, &err)) << err;
  EXPECT_TRUE(out->changed);
  EXPECT_TRUE(out->blockers.empty()) << name << ": " << out->blockers.front();
  EXPECT_EQ(bytes.size(), original.size());
  EXPECT_FALSE(GlibcVersionLess(floor, out->floor)) << out->floor_symbol;
  std::string version, symbol;
  ASSERT_TRUE(GlibcNeed(bytes, &version, &symbol, &err)) << err;
  EXPECT_EQ(version, out->floor);
  EXPECT_FALSE(GlibcVersionLess(floor, version)) << symbol;
  std::string path = TempLib(name, bytes);
  std::string dump = Shell("objdump -T -p '" + path + "' 2>&1");
  EXPECT_EQ(dump.find("<corrupt>"), std::string::npos) << dump;
  for (size_t at = dump.find("GLIBC_2."); at != std::string::npos; at = dump.find("GLIBC_2.", at + 1)) {
    size_t end = dump.find_first_not_of("0123456789.", at + 6);
    std::string v = dump.substr(at, end - at);
    EXPECT_FALSE(GlibcVersionLess(floor, v)) << name << " still needs " << v;
  }
  void* h = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  EXPECT_NE(h, nullptr) << dlerror();
  if (h) dlclose(h);
  unlink(path.c_str());
  rmdir(path.substr(0, path.rfind('/')).c_str());
}

TEST(GlibcLowering, LibcryptoTo217) {
  GlibcLowering out;
  ExpectLowered("libcrypto.so.3", "GLIBC_2.17", &out);
  auto has = [&](const std::string& line) {
    return std::find(out.lowered.begin(), out.lowered.end(), line) != out.lowered.end();
  };
  EXPECT_TRUE(has("pthread_once@GLIBC_2.34 -> GLIBC_2.2.5"));
  EXPECT_TRUE(has("dlopen@GLIBC_2.34 -> GLIBC_2.2.5"));
  EXPECT_TRUE(has("stat@GLIBC_2.33 -> the stub's stat"));
  EXPECT_TRUE(has("getentropy@GLIBC_2.25 -> the stub's getentropy"));
}

TEST(GlibcLowering, Sqlite3Ffi217) {
  GlibcLowering out;
  ExpectLowered("libsqlite3.so.0", "GLIBC_2.17", &out);
  EXPECT_NE(std::find(out.lowered.begin(), out.lowered.end(), "pow@GLIBC_2.29 -> GLIBC_2.2.5"),
            out.lowered.end());
  ExpectLowered("libffi.so.8", "GLIBC_2.17", &out);
}

// pthread_condattr_setclock's old version is 2.3.3, a name liblzma's string
// table lacks: that one asks for no version.
TEST(GlibcLowering, LzmaNewName) {
  GlibcLowering out;
  ExpectLowered("liblzma.so.5", "GLIBC_2.17", &out);
  EXPECT_NE(std::find(out.lowered.begin(), out.lowered.end(),
                      "pthread_condattr_setclock@GLIBC_2.34 -> GLIBC_2.3.3 (no room for its name: unversioned)"),
            out.lowered.end());
}

TEST(GlibcLowering, AtOrAboveTheNeedUntouched) {
  std::string bytes = Read(std::string(kLibDir) + "libcrypto.so.3"), original = bytes, err;
  GlibcLowering out;
  ASSERT_TRUE(LowerGlibcNeeds(Inputs("GLIBC_2.34"), &bytes, &out, &err)) << err;
  EXPECT_FALSE(out.changed);
  EXPECT_TRUE(out.lowered.empty());
  EXPECT_EQ(bytes, original);
  EXPECT_EQ(out.floor, "GLIBC_2.34");
}

// libstdc++ calls __cxa_thread_atexit_impl (2.18): no older version, no
// polyfill. The rest is lowered; the floor is what blocks.
TEST(GlibcLowering, BlockersReported) {
  std::string bytes = Read(std::string(kLibDir) + "libstdc++.so.6"), err;
  GlibcLowering out;
  ASSERT_TRUE(LowerGlibcNeeds(Inputs("GLIBC_2.17"), &bytes, &out, &err)) << err;
  ASSERT_EQ(out.blockers.size(), 1u);
  EXPECT_EQ(out.blockers[0], "__cxa_thread_atexit_impl@GLIBC_2.18");
  EXPECT_EQ(out.floor, "GLIBC_2.18");
  EXPECT_EQ(out.floor_symbol, "__cxa_thread_atexit_impl@GLIBC_2.18");
  EXPECT_TRUE(out.changed);
}

// Without the stub's polyfills, stat@GLIBC_2.33 has no older version.
TEST(GlibcLowering, NoPolyfillNoLowering) {
  std::string bytes = Read(std::string(kLibDir) + "libssl.so.3"), err;
  GlibcLoweringInputs in = Inputs("GLIBC_2.17");
  in.stub_exports.clear();
  GlibcLowering out;
  ASSERT_TRUE(LowerGlibcNeeds(in, &bytes, &out, &err)) << err;
  EXPECT_EQ(out.blockers, std::vector<std::string>{"stat@GLIBC_2.33"});
}

TEST(GlibcLowering, HostExports) {
  GlibcLoweringInputs in = Inputs("GLIBC_2.17");
  const auto& v = in.host["pthread_create"];
  EXPECT_NE(std::find(v.begin(), v.end(), "GLIBC_2.2.5"), v.end());
  EXPECT_NE(std::find(v.begin(), v.end(), "GLIBC_2.34"), v.end());
  const auto& c = in.host["pthread_cond_wait"];
  EXPECT_NE(std::find(c.begin(), c.end(), "GLIBC_2.3.2"), c.end());
}

TEST(SymbolVersions, NotElf) {
  SymbolVersions v;
  std::string err;
  EXPECT_FALSE(v.Parse("not an ELF file", &err));
  EXPECT_FALSE(err.empty());
  std::string bytes = Read(std::string(kLibDir) + "libffi.so.8");
  bytes.resize(200);  // the section headers are gone
  EXPECT_FALSE(v.Parse(bytes, &err));
}

}  // namespace
}  // namespace freezer
