#include "vm/private_cache.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "archive/cache_location.h"

namespace vm {

namespace {

std::string Errno(const std::string& what) { return what + ": " + strerror(errno); }

// A file we wrote earlier with exactly these bytes.
bool SameFile(const std::string& path, std::span<const uint8_t> bytes) {
  int fd = open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st;
  bool same = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
              static_cast<size_t>(st.st_size) == bytes.size();
  if (same && !bytes.empty()) {
    void* m = mmap(nullptr, bytes.size(), PROT_READ, MAP_PRIVATE, fd, 0);
    same = m != MAP_FAILED && memcmp(m, bytes.data(), bytes.size()) == 0;
    if (m != MAP_FAILED) munmap(m, bytes.size());
  }
  close(fd);
  return same;
}

}  // namespace

bool WriteFully(int fd, std::span<const uint8_t> bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

bool PrivateCacheBase(std::string* base, std::string* err) {
  *base = payload::UserCacheBase(getenv("XDG_CACHE_HOME"), getenv("HOME"));
  if (!base->empty()) {
    // ~/.cache may not exist yet; it need not be private, ours below must.
    const std::string tail = "/.cache/freezer";
    if (base->size() > tail.size() &&
        base->compare(base->size() - tail.size(), tail.size(), tail) == 0)
      mkdir(base->substr(0, base->size() - 8).c_str(), 0700);
    // Only a directory that cannot be created falls back: one that exists is
    // checked, and refused if it is not ours, never replaced by another.
    if (mkdir(base->c_str(), 0700) == 0 || errno == EEXIST) return EnsurePrivateDir(*base, err);
  }
  // No usable home (HOME=/nonexistent, as daemon users have; a read-only
  // one). /tmp, not $TMPDIR: the name is predictable, so it belongs in the
  // sticky /tmp, where no one else can replace it once it is ours.
  *base = "/tmp/freezer-" + std::to_string(geteuid());
  return EnsurePrivateDir(*base, err);
}

bool EnsurePrivateDir(const std::string& path, std::string* err) {
  if (mkdir(path.c_str(), 0700) != 0 && errno != EEXIST) {
    *err = Errno("cannot create " + path);
    return false;
  }
  struct stat st;
  if (lstat(path.c_str(), &st) != 0) {
    *err = Errno("cannot stat " + path);
    return false;
  }
  if (!S_ISDIR(st.st_mode)) {
    *err = path + " is not a directory (a symlink?): refused";
    return false;
  }
  if (st.st_uid != geteuid()) {
    *err = path + " belongs to another user: refused";
    return false;
  }
  if (st.st_mode & 077) {
    *err = path + " is open to other users: refused";
    return false;
  }
  return true;
}

bool PrivatePayloadDir(const std::string& kind, const std::string& digest_hex, std::string* dir,
                       std::string* err) {
  std::string base;
  if (!PrivateCacheBase(&base, err)) return false;
  *dir = base + "/" + kind + "-" + digest_hex;
  return EnsurePrivateDir(*dir, err);
}

bool PutPrivateFile(const std::string& dir, const std::string& rel, std::span<const uint8_t> bytes,
                    unsigned mode, std::string* err) {
  if (rel.empty() || rel[0] == '/' || rel.find("..") != std::string::npos) {
    *err = "refusing to write '" + rel + "'";
    return false;
  }
  std::string parent = dir;
  for (size_t at = rel.find('/'); at != std::string::npos; at = rel.find('/', at + 1)) {
    parent = dir + "/" + rel.substr(0, at);
    if (!EnsurePrivateDir(parent, err)) return false;
  }
  std::string path = dir + "/" + rel;
  if (SameFile(path, bytes)) return true;
  std::string tmp = parent + "/.freezer-XXXXXX";
  int fd = mkstemp(tmp.data());
  if (fd < 0) {
    *err = Errno("cannot write in " + parent);
    return false;
  }
  bool ok = WriteFully(fd, bytes) && fchmod(fd, mode) == 0;
  close(fd);
  // Atomic: a concurrent start sees the old complete file or the new one.
  if (!ok || rename(tmp.c_str(), path.c_str()) != 0) {
    *err = Errno("cannot write " + path);
    unlink(tmp.c_str());
    return false;
  }
  return true;
}

}  // namespace vm
