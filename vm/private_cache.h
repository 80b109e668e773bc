// The per-user cache directory the stub writes to: native code, shared by
// content (vm/native_cache.h), and packages extracted on request.
// Nothing is trusted by path: every directory is opened one component at a
// time from / with O_NOFOLLOW|O_DIRECTORY and checked on its descriptor
// (fstat). The base's ancestors must be owned by root or the user and not
// writable by group or others unless sticky and root-owned (/tmp), so no
// other user can swap any of them; the base and everything below it are
// created 0700 and must be real directories of the user with no group/other
// access (a symlink or someone else's directory is refused, never
// followed). Every create, compare and rename is relative to a verified
// descriptor, open only while a PrivateDirsInUse lives. Files are
// content-addressed (by the payload digest, or their own) and written with
// atomic renames, so concurrent starts agree.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "archive/boot_manifest.h"

namespace vm {

// The verified directory descriptors stay open while one of these lives
// (nested ones share them; the outermost closes them all). Every function
// below that opens a directory is called inside one: between imports the
// program finds no descriptor of the runtime's, as under python (a closed
// stdin would otherwise be reused for one, a child given close_fds=False
// would inherit them, and a daemon closing every descriptor would leave
// dangling numbers behind).
class PrivateDirsInUse {
 public:
  PrivateDirsInUse();
  ~PrivateDirsInUse();
  PrivateDirsInUse(const PrivateDirsInUse&) = delete;
  PrivateDirsInUse& operator=(const PrivateDirsInUse&) = delete;
};

// write(2) until all of `bytes` is written (EINTR retried).
bool WriteFully(int fd, std::span<const uint8_t> bytes);

// Opens absolute `path` component by component from / (no symlink
// followed), each directory checked as an ancestor must be (above). The
// descriptor is the caller's.
bool OpenTrustedDir(const std::string& path, int* fd, std::string* err);

// Under the verified directory `parent`: mkdirat `name` 0700 if missing,
// then open it (O_NOFOLLOW) and refuse unless it is a directory of ours
// with no group/other permissions. `shown` names it in messages.
bool OpenPrivateDirAt(int parent, const std::string& name, const std::string& shown, int* fd,
                      std::string* err);

// The cache's base directory, created and checked: the user cache directory
// (archive/cache_location.h) when its ancestors qualify and it can be
// created, else /tmp/freezer-<euid>. A base that exists but is not private
// is refused, not replaced.
bool PrivateCacheBase(std::string* base, std::string* err);

// PrivateCacheBase()/<name>, created and checked.
bool PrivateCacheDir(const std::string& name, std::string* dir, std::string* err);

// PrivateCacheBase()/<kind>-<digest>, created and checked.
bool PrivatePayloadDir(const std::string& kind, const std::string& digest_hex, std::string* dir,
                       std::string* err);

// The verified descriptor of a directory PrivatePayloadDir returned (or
// one below it made by PutPrivateFile); -1 for any other path.
int PrivateDirFd(const std::string& dir);

// The mode of data file `archive_path` in the private cache: 0700 for one
// the boot manifest lists as executable, 0600 otherwise.
inline unsigned PrivateDataFileMode(const payload::BootManifest& boot, std::string_view archive_path) {
  return payload::IsExecutableDataFile(boot, archive_path) ? 0700 : 0600;
}

// Makes `dir`/`rel` hold exactly `bytes` (subdirectories of `rel` created
// private too); an existing identical file is kept. `dir` must come from
// PrivatePayloadDir. With `file_fd`, also returns a read-only descriptor
// of the file, opened through the verified directory and compared with
// `bytes` (the caller's).
bool PutPrivateFile(const std::string& dir, const std::string& rel, std::span<const uint8_t> bytes,
                    unsigned mode, std::string* err, int* file_fd = nullptr);

// Reads as the bytes of the regular file of ours open at `fd`.
bool SameFileFd(int fd, std::span<const uint8_t> bytes);

}  // namespace vm
