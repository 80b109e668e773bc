// The native manifest survives Serialize -> Parse field for field, and
// malformed records are refused with a message (a damaged payload).
#include "archive/native_manifest.h"

#include <gtest/gtest.h>

namespace payload {
namespace {

void ExpectSame(const NativeManifest& a, const NativeManifest& b) {
  EXPECT_EQ(a.preload, b.preload);
  EXPECT_EQ(a.glibc_floor, b.glibc_floor);
  EXPECT_EQ(a.glibc_floor_file, b.glibc_floor_file);
  EXPECT_EQ(a.glibc_floor_symbol, b.glibc_floor_symbol);
  EXPECT_EQ(a.sha256, b.sha256);
  EXPECT_EQ(a.load_memory, b.load_memory);
}

TEST(NativeManifest, EveryFieldRoundTrips) {
  NativeManifest m;
  m.preload["_ssl.cpython-311-x86_64-linux-gnu.so"] = {".libs/libcrypto.so.3", ".libs/libssl.so.3"};
  m.preload["numpy/core/_multiarray_umath.cpython-311-x86_64-linux-gnu.so"] = {
      ".libs/libgfortran.so.5", ".libs/libopenblas.so.0"};
  m.glibc_floor = "GLIBC_2.35";
  m.glibc_floor_file = "_multiarray_umath.cpython-311-x86_64-linux-gnu.so";
  m.glibc_floor_symbol = "hypot@GLIBC_2.35";
  m.sha256[".libs/libssl.so.3"] = std::string(64, 'a');
  m.sha256["_ssl.cpython-311-x86_64-linux-gnu.so"] = "0123456789abcdef" + std::string(48, 'f');
  m.load_memory = true;
  NativeManifest back;
  std::string err;
  ASSERT_TRUE(ParseNativeManifest(SerializeNativeManifest(m), &back, &err)) << err;
  ExpectSame(back, m);
}

// Apps written before the symbol was recorded: three fields.
TEST(NativeManifest, GlibcWithoutSymbol) {
  NativeManifest back;
  std::string err;
  ASSERT_TRUE(ParseNativeManifest("glibc\tGLIBC_2.34\tlibcrypto.so.3\n", &back, &err)) << err;
  EXPECT_EQ(back.glibc_floor_file, "libcrypto.so.3");
  EXPECT_EQ(back.glibc_floor_symbol, "");
}

TEST(NativeManifest, EmptyRoundTrips) {
  NativeManifest back;
  back.glibc_floor = "stale";
  std::string err;
  ASSERT_TRUE(ParseNativeManifest(SerializeNativeManifest(NativeManifest{}), &back, &err)) << err;
  ExpectSame(back, NativeManifest{});
}

TEST(NativeManifest, MalformedIsRejected) {
  struct Case {
    const char* text;
    const char* error;
  } cases[] = {
      {"ext\ta.so\n", "line 1 is malformed"},
      {"glibc\tGLIBC_2.34\tx.so\next\t\t.libs/l.so\n", "line 2 is malformed"},
      {"ext\ta.so\t.libs/l.so\textra\n", "line 1 is malformed"},
      {"lib\ta.so\t.libs/l.so\n", "unknown record 'lib'"},
      {"glibc\tGLIBC_2.34\tx.so\ts@GLIBC_2.34\textra\n", "line 1 is malformed"},
      {"no tabs at all\n", "line 1 is malformed"},
      {"sha256\ta.so\tnot-hex\n", "line 1: 'not-hex' is no SHA-256"},
      {"sha256\ta.so\t" "ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789\n", "is no SHA-256"},
      {"load\tdisk\n", "line 1: unknown load mode 'disk'"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    NativeManifest m;
    std::string err;
    EXPECT_FALSE(ParseNativeManifest(c.text, &m, &err));
    EXPECT_NE(err.find("native manifest: "), std::string::npos) << err;
    EXPECT_NE(err.find(c.error), std::string::npos) << err;
  }
}

}  // namespace
}  // namespace payload
