// The shared native cache: every extension module and shared library an app
// bundles, once per user, at <private cache base>/native/<sha256>.so (the
// base and its checks: vm/private_cache.h). The name is the SHA-256 of the
// file's bytes, recorded at build time in the native manifest, so every
// process of an app, and every app that bundles the same file, maps the same
// file and shares its pages in the page cache, as python's processes share
// a system's .so files.
//
// A file is used only if, opened O_NOFOLLOW through the verified directory
// descriptor, it is a regular file of ours, not writable by group or
// others, of the member's size: then the payload member is not read at all
// (no decompression, no CRC, no resident payload pages). Anything else (a
// symlink, a truncated or foreign file) is replaced: the member is read
// (CRC checked), its SHA-256 must be the name, and it is written to a
// temporary file and renamed over the name, so concurrent starts agree and
// no one ever sees a partial file. Trust is that of the private cache: a
// file of the right size changed in place by the user (or root) is used.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace vm {

class NativeCache {
 public:
  // Opens the cached copy of a file whose bytes have SHA-256 `hex` and size
  // `size`, read-only. false with `why` empty: not there, or not usable (to
  // be written); with `why`: no private cache can be had here.
  bool Open(const std::string& hex, uint64_t size, int* fd, std::string* path, std::string* why);

  // Writes `bytes`, whose SHA-256 must be `hex`, as the cached copy and
  // returns it open read-only, checked as Open does and compared with
  // `bytes`.
  bool Store(const std::string& hex, std::span<const uint8_t> bytes, int* fd, std::string* path,
             std::string* err);

 private:
  bool Dir(std::string* err);

  std::string dir_;      // verified, once found
  std::string dir_err_;  // why there is none, once tried
};

}  // namespace vm
