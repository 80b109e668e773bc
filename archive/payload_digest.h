// SHA-256 of a payload's covered bytes (docs/payload-format.md, "Digest").
// Uses libcrypto, so only the freezer and the tests link this; the stub does
// not verify the digest (it checks CRCs of what it uses) and needs only glibc.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>

#include "archive/payload_format.h"

namespace payload {

using Sha256 = std::array<uint8_t, kDigestSize>;

// Incremental SHA-256.
class Sha256Hasher {
 public:
  Sha256Hasher();
  ~Sha256Hasher();
  Sha256Hasher(const Sha256Hasher&) = delete;
  Sha256Hasher& operator=(const Sha256Hasher&) = delete;

  void Update(std::span<const uint8_t> bytes);
  Sha256 Finish();

 private:
  struct State;
  State* state_;
};

Sha256 ComputeSha256(std::span<const uint8_t> bytes);

// "sha256:" followed by 64 lowercase hex digits.
std::string DigestString(std::span<const uint8_t, kDigestSize> digest);

}  // namespace payload
