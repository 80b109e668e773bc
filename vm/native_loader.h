// Loads native code from the payload (extension modules and the shared
// libraries they need) without a world-writable temp directory:
//  1. by default, from the shared native cache (vm/native_cache.h): one
//     file per content, per user, mapped by every process and every app
//     that bundles it (pages shared in the page cache); when its copy is
//     there the payload member is not read at all;
//  2. where no private cache can be had (or --native-load memory, and then
//     only this): in memory, a sealed, close-on-exec memfd dlopen'ed as
//     /proc/self/fd/N; the payload pages it was copied from are released;
//  3. last resort: a fresh mkdtemp directory, the file unlinked right after
//     dlopen.
// Libraries are loaded RTLD_GLOBAL in dependency order, so the sonames later
// objects ask for resolve to them. No environment variable is set.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>

#include "archive/native_manifest.h"
#include "archive/payload_reader.h"
#include "vm/boot_trace.h"
#include "vm/native_cache.h"

namespace vm {

class NativeLoader {
 public:
  void Init(const payload::PayloadReader* reader, const BootTrace* trace);

  // dlopens the entry at `archive_path` once (later calls are no-ops) and
  // returns the path it was loaded from, which CPython's own loader can then
  // dlopen again to get the same object. `manifest` says how (its digest,
  // and whether the cache may be used).
  bool Load(const payload::NativeManifest& manifest, const std::string& archive_path,
            std::string* loaded_path, std::string* err);

  // The shared cache's file `archive_path` was loaded from; "" when it came
  // from memory (or is not loaded).
  std::string CachedFile(const std::string& archive_path) const;

 private:
  // The member's bytes, decompressed and checked; `storage` holds them when
  // they are not the mapped file's.
  bool ReadMember(size_t index, std::span<const uint8_t>* bytes, std::vector<uint8_t>* storage,
                  std::string* err);
  bool LoadFromCache(size_t index, const std::string& hex, std::string* path, std::string* file,
                     std::string* err);
  bool LoadFromMemfd(const std::string& name, std::span<const uint8_t> bytes, std::string* path,
                     std::string* err);
  bool LoadFromTempDir(const std::string& name, std::span<const uint8_t> bytes,
                       std::string* path, std::string* err);

  const payload::PayloadReader* reader_ = nullptr;
  const BootTrace* trace_ = nullptr;
  NativeCache cache_;
  bool cache_ok_ = true;  // false once no private cache could be had
  bool memfd_ok_ = true;  // false once memory loading has failed here
  std::map<std::string, std::string> loaded_;  // archive path -> path it was loaded from
  std::map<std::string, std::string> cached_;  // archive path -> its file in the shared cache
};

}  // namespace vm
