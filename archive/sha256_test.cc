// The stub's SHA-256 gives the published digests and libcrypto's on every
// padding case (tails of 0..64 bytes around the one/two-block boundary).
#include "archive/sha256.h"

#include <gtest/gtest.h>

#include <string>

#include "archive/payload_digest.h"

namespace payload {
namespace {

std::span<const uint8_t> Bytes(const std::string& s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

TEST(Sha256, KnownVectors) {
  EXPECT_EQ(Sha256Hex(Bytes("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex(Bytes("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex(Bytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, SameAsLibcrypto) {
  std::string data;
  for (size_t n = 0; n < 300; ++n) {
    SCOPED_TRACE(n);
    EXPECT_EQ(Sha256Hex(Bytes(data)), DigestString(ComputeSha256(Bytes(data))).substr(7));
    data += static_cast<char>(n * 37 + 11);
  }
}

}  // namespace
}  // namespace payload
