// SHA-256 without libcrypto, for the stub: it checks that a native file it
// writes to the shared cache has the digest that names it (vm/native_cache.h),
// once per file and user. The freezer hashes with libcrypto
// (archive/payload_digest.h); sha256_test.cc holds the two to each other.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace payload {

// 64 lowercase hex digits.
std::string Sha256Hex(std::span<const uint8_t> bytes);

}  // namespace payload
