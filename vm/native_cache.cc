#include "vm/native_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "archive/sha256.h"
#include "vm/private_cache.h"

namespace vm {

bool NativeCache::Dir(std::string* err) {
  // Opened again for each load: PrivateDirsInUse closes it in between.
  if (dir_err_.empty() && PrivateDirFd(dir_) < 0 && !PrivateCacheDir("native", &dir_, &dir_err_)) {
    dir_.clear();
    if (dir_err_.empty()) dir_err_ = "no private cache directory";
  }
  *err = dir_err_;
  return dir_err_.empty();
}

bool NativeCache::Open(const std::string& hex, uint64_t size, int* fd, std::string* path,
                       std::string* why) {
  why->clear();
  if (!Dir(why)) return false;
  *path = dir_ + "/" + hex + ".so";
  int f = openat(PrivateDirFd(dir_), (hex + ".so").c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (f < 0) return false;  // missing, or a symlink (ELOOP): written anew
  struct stat st;
  if (fstat(f, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != geteuid() || (st.st_mode & 022) ||
      static_cast<uint64_t>(st.st_size) != size) {
    close(f);
    return false;
  }
  *fd = f;
  return true;
}

bool NativeCache::Store(const std::string& hex, std::span<const uint8_t> bytes, int* fd,
                        std::string* path, std::string* err) {
  if (!Dir(err)) return false;
  // Verified once, when written: what is written is what its name says.
  if (payload::Sha256Hex(bytes) != hex) {
    *err = "its SHA-256 is not the " + hex + " the native manifest records";
    return false;
  }
  *path = dir_ + "/" + hex + ".so";
  // What Open refused goes first: PutPrivateFile keeps a file whose bytes
  // are right, and one open to others' writes must not stay. A concurrent
  // start that has it open keeps its descriptor; the rename below is atomic.
  unlinkat(PrivateDirFd(dir_), (hex + ".so").c_str(), 0);
  return PutPrivateFile(dir_, hex + ".so", bytes, 0500, err, fd);
}

}  // namespace vm
