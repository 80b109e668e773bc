#include "archive/payload_digest.h"

#include <openssl/evp.h>

#include <cstdlib>

namespace payload {

struct Sha256Hasher::State {
  EVP_MD_CTX* ctx;
};

// libcrypto fails here only when out of memory or misconfigured; a wrong
// digest would be worse than stopping, so those abort.
Sha256Hasher::Sha256Hasher() : state_(new State{EVP_MD_CTX_new()}) {
  if (state_->ctx == nullptr || EVP_DigestInit_ex(state_->ctx, EVP_sha256(), nullptr) != 1)
    std::abort();
}

Sha256Hasher::~Sha256Hasher() {
  EVP_MD_CTX_free(state_->ctx);
  delete state_;
}

void Sha256Hasher::Update(std::span<const uint8_t> bytes) {
  if (!bytes.empty() && EVP_DigestUpdate(state_->ctx, bytes.data(), bytes.size()) != 1)
    std::abort();
}

Sha256 Sha256Hasher::Finish() {
  Sha256 out{};
  unsigned int n = 0;
  if (EVP_DigestFinal_ex(state_->ctx, out.data(), &n) != 1 || n != out.size()) std::abort();
  return out;
}

Sha256 ComputeSha256(std::span<const uint8_t> bytes) {
  Sha256Hasher h;
  h.Update(bytes);
  return h.Finish();
}

std::string DigestString(std::span<const uint8_t, kDigestSize> digest) {
  static const char kHex[] = "0123456789abcdef";
  std::string s = "sha256:";
  for (uint8_t b : digest) {
    s += kHex[b >> 4];
    s += kHex[b & 15];
  }
  return s;
}

}  // namespace payload
