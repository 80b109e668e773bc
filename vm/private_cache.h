// The per-user cache directory the stub writes to only when it must (native
// code where memory loading is impossible, packages extracted on request):
// every directory is created 0700 and checked to be a real directory owned by
// the user with no group/other access (a symlink or someone else's directory
// is refused, never followed); files are content-addressed by the payload
// digest and written with atomic renames, so concurrent starts agree.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace vm {

// write(2) until all of `bytes` is written (EINTR retried).
bool WriteFully(int fd, std::span<const uint8_t> bytes);

// The cache's base directory, created and checked (EnsurePrivateDir): the
// user cache directory (archive/cache_location.h), or /tmp/freezer-<euid>
// when there is none or it cannot be created.
bool PrivateCacheBase(std::string* base, std::string* err);

// mkdir (0700) if missing, then refuse unless it is a real directory (not a
// symlink), owned by us, with no group/other permissions.
bool EnsurePrivateDir(const std::string& path, std::string* err);

// PrivateCacheBase()/<kind>-<digest>, created and checked (base included).
bool PrivatePayloadDir(const std::string& kind, const std::string& digest_hex, std::string* dir,
                       std::string* err);

// Makes `dir`/`rel` hold exactly `bytes` (subdirectories of `rel` created
// private too); an existing identical file is kept.
bool PutPrivateFile(const std::string& dir, const std::string& rel, std::span<const uint8_t> bytes,
                    unsigned mode, std::string* err);

}  // namespace vm
