// Loads native code from the payload (extension modules and the shared
// libraries they need) without a world-writable temp directory and without
// leaving files behind:
//  1. in memory: a sealed, close-on-exec memfd dlopen'ed as /proc/self/fd/N;
//  2. where that is impossible (no /proc, an exec-restricted memfd): a
//     private per-user cache directory (0700, owned by the user, refused
//     otherwise), content-addressed by the payload digest, written with
//     atomic renames so concurrent starts agree;
//  3. last resort: a fresh mkdtemp directory, the file unlinked right after
//     dlopen.
// Libraries are loaded RTLD_GLOBAL in dependency order, so the sonames later
// objects ask for resolve to them. No environment variable is set.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>

#include "archive/payload_reader.h"
#include "vm/boot_trace.h"

namespace vm {

class NativeLoader {
 public:
  // `digest_hex` names the cache directory of this payload.
  void Init(const payload::PayloadReader* reader, std::string digest_hex, const BootTrace* trace);

  // dlopens the entry at `archive_path` once (later calls are no-ops) and
  // returns the path it was loaded from, which CPython's own loader can then
  // dlopen again to get the same object.
  bool Load(const std::string& archive_path, std::string* loaded_path, std::string* err);

 private:
  bool LoadFromMemfd(const std::string& name, std::span<const uint8_t> bytes, std::string* path,
                     std::string* err);
  bool LoadFromCacheDir(const std::string& name, std::span<const uint8_t> bytes,
                        std::string* path, std::string* err);
  bool LoadFromTempDir(const std::string& name, std::span<const uint8_t> bytes,
                       std::string* path, std::string* err);

  const payload::PayloadReader* reader_ = nullptr;
  std::string digest_hex_;
  const BootTrace* trace_ = nullptr;
  bool memfd_ok_ = true;  // false once memory loading has failed here
  std::map<std::string, std::string> loaded_;  // archive path -> path it was loaded from
};

}  // namespace vm
