#include "vm/private_cache.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <map>

#include "archive/cache_location.h"

namespace vm {

namespace {

std::string Errno(const std::string& what) { return what + ": " + strerror(errno); }

constexpr int kDirFlags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;

// Verified private directories by path, open while a PrivateDirsInUse
// lives: each write goes through the descriptor, never the path.
std::map<std::string, int>& PrivateDirs() {
  static std::map<std::string, int> dirs;
  return dirs;
}

int users = 0;

// A directory no other user can change: owned by root or us, and not
// writable by group or others unless it is root's and sticky (/tmp: others
// may add entries but not rename or remove ours).
bool TrustedAncestor(const struct stat& st) {
  bool owner_ok = st.st_uid == 0 || st.st_uid == geteuid();
  bool open_to_others = (st.st_mode & (S_IWGRP | S_IWOTH)) != 0;
  return owner_ok && (!open_to_others || ((st.st_mode & S_ISVTX) && st.st_uid == 0));
}

// A name for a temporary file nobody can predict.
std::string TempName() {
  uint64_t r = 0;
  if (getrandom(&r, sizeof(r), GRND_NONBLOCK) != sizeof(r)) r ^= static_cast<uint64_t>(getpid()) << 32;
  static uint64_t counter = 0;
  return ".freezer-" + std::to_string(r ^ ++counter);
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

bool SameFileFd(int fd, std::span<const uint8_t> bytes) {
  struct stat st;
  bool same = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
              static_cast<size_t>(st.st_size) == bytes.size();
  if (same && !bytes.empty()) {
    void* m = mmap(nullptr, bytes.size(), PROT_READ, MAP_PRIVATE, fd, 0);
    same = m != MAP_FAILED && memcmp(m, bytes.data(), bytes.size()) == 0;
    if (m != MAP_FAILED) munmap(m, bytes.size());
  }
  return same;
}

bool OpenTrustedDir(const std::string& path, int* fd, std::string* err) {
  if (path.empty() || path[0] != '/') {
    *err = "'" + path + "' is not an absolute path";
    return false;
  }
  int cur = open("/", kDirFlags);
  std::string shown = "/";
  size_t start = 1;
  for (;;) {
    struct stat st;
    if (cur < 0 || fstat(cur, &st) != 0) {
      *err = errno == ELOOP || errno == ENOTDIR ? shown + " is not a directory (a symlink?): refused"
                                                : Errno("cannot open " + shown);
      if (cur >= 0) close(cur);
      return false;
    }
    if (!TrustedAncestor(st)) {
      *err = shown + " can be changed by another user: refused";
      close(cur);
      return false;
    }
    std::string part;
    while (part.empty() || part == ".") {  // "//" and "/./" name the same directory
      if (start > path.size()) {
        *fd = cur;
        return true;
      }
      size_t end = path.find('/', start);
      if (end == std::string::npos) end = path.size();
      part = path.substr(start, end - start);
      start = end + 1;
    }
    if (part == "..") {
      *err = "'" + path + "' has a '..' component: refused";
      close(cur);
      return false;
    }
    shown += (shown == "/" ? "" : "/") + part;
    int next = openat(cur, part.c_str(), kDirFlags);
    close(cur);
    cur = next;
  }
}

bool OpenPrivateDirAt(int parent, const std::string& name, const std::string& shown, int* fd,
                      std::string* err) {
  if (mkdirat(parent, name.c_str(), 0700) != 0 && errno != EEXIST) {
    *err = Errno("cannot create " + shown);
    return false;
  }
  int d = openat(parent, name.c_str(), kDirFlags);
  struct stat st;
  if (d < 0 || fstat(d, &st) != 0) {
    *err = errno == ELOOP || errno == ENOTDIR ? shown + " is not a directory (a symlink?): refused"
                                              : Errno("cannot open " + shown);
    if (d >= 0) close(d);
    return false;
  }
  if (st.st_uid != geteuid()) *err = shown + " belongs to another user: refused";
  else if (st.st_mode & 077) *err = shown + " is open to other users: refused";
  else {
    *fd = d;
    return true;
  }
  close(d);
  return false;
}

namespace {

// The user cache base, or "" (with *refused false) when there is no usable
// one and /tmp is the place; *refused when it exists but is not ours.
bool UserBase(std::string* base, int* fd, bool* refused, std::string* err) {
  const char* xdg = getenv("XDG_CACHE_HOME");
  const char* home = getenv("HOME");
  std::string wanted = payload::UserCacheBase(xdg, home);
  std::string anchor = payload::UserCacheAnchor(xdg, home);
  char real[PATH_MAX];
  if (wanted.empty() || !realpath(anchor.c_str(), real)) return false;
  int dir;
  std::string ignored;
  // An anchor another user could change is no place for code we load.
  if (!OpenTrustedDir(real, &dir, &ignored)) return false;
  std::string rest = wanted.substr(anchor.size());  // "/freezer" or "/.cache/freezer"
  std::string shown = real;
  if (rest == "/.cache/freezer") {
    // ~/.cache may not exist yet; it need not be private, ours below must.
    mkdirat(dir, ".cache", 0700);
    int cache = openat(dir, ".cache", kDirFlags);
    struct stat st;
    close(dir);
    if (cache < 0 || fstat(cache, &st) != 0 || !TrustedAncestor(st)) {
      if (cache >= 0) close(cache);
      return false;
    }
    dir = cache;
    shown += "/.cache";
  }
  shown += "/freezer";
  // Only a directory that cannot be created falls back: one that exists is
  // checked, and refused if it is not ours, never replaced by another.
  if (mkdirat(dir, "freezer", 0700) != 0 && errno != EEXIST) {
    close(dir);
    return false;
  }
  bool ok = OpenPrivateDirAt(dir, "freezer", shown, fd, err);
  close(dir);
  *refused = !ok;
  *base = shown;
  return ok;
}

}  // namespace

PrivateDirsInUse::PrivateDirsInUse() { ++users; }

PrivateDirsInUse::~PrivateDirsInUse() {
  if (--users > 0) return;
  for (const auto& [path, fd] : PrivateDirs()) close(fd);
  PrivateDirs().clear();
}

bool PrivateCacheBase(std::string* base, std::string* err) {
  static std::string cached;
  if (!cached.empty() && PrivateDirFd(cached) >= 0) {
    *base = cached;
    return true;
  }
  int fd = -1;
  bool refused = false;
  if (!UserBase(base, &fd, &refused, err)) {
    if (refused) return false;
    // No usable home (HOME=/nonexistent, as daemon users have; a read-only
    // one; one another user can write). /tmp, not $TMPDIR: the name is
    // predictable, so it belongs in the sticky /tmp, where no one else can
    // replace it once it is ours.
    *base = "/tmp/freezer-" + std::to_string(geteuid());
    int tmp;
    if (!OpenTrustedDir("/tmp", &tmp, err)) return false;
    bool ok = OpenPrivateDirAt(tmp, base->substr(5), *base, &fd, err);
    close(tmp);
    if (!ok) return false;
  }
  PrivateDirs()[*base] = fd;
  cached = *base;
  return true;
}

bool PrivateCacheDir(const std::string& name, std::string* dir, std::string* err) {
  std::string base;
  if (!PrivateCacheBase(&base, err)) return false;
  *dir = base + "/" + name;
  if (PrivateDirFd(*dir) >= 0) return true;
  int fd;
  if (!OpenPrivateDirAt(PrivateDirFd(base), name, *dir, &fd, err)) return false;
  PrivateDirs()[*dir] = fd;
  return true;
}

bool PrivatePayloadDir(const std::string& kind, const std::string& digest_hex, std::string* dir,
                       std::string* err) {
  return PrivateCacheDir(kind + "-" + digest_hex, dir, err);
}

int PrivateDirFd(const std::string& dir) {
  auto it = PrivateDirs().find(dir);
  return it == PrivateDirs().end() ? -1 : it->second;
}

bool PutPrivateFile(const std::string& dir, const std::string& rel, std::span<const uint8_t> bytes,
                    unsigned mode, std::string* err, int* file_fd) {
  if (rel.empty() || rel[0] == '/' || rel.find("..") != std::string::npos) {
    *err = "refusing to write '" + rel + "'";
    return false;
  }
  int parent = PrivateDirFd(dir);
  if (parent < 0) {
    *err = dir + " is not a verified private directory";
    return false;
  }
  std::string parent_path = dir;
  size_t leaf_at = 0;
  for (size_t at = rel.find('/'); at != std::string::npos; at = rel.find('/', at + 1)) {
    std::string sub = dir + "/" + rel.substr(0, at);
    int fd = PrivateDirFd(sub);
    if (fd < 0) {
      if (!OpenPrivateDirAt(parent, rel.substr(leaf_at, at - leaf_at), sub, &fd, err)) return false;
      PrivateDirs()[sub] = fd;
    }
    parent = fd;
    parent_path = sub;
    leaf_at = at + 1;
  }
  std::string leaf = rel.substr(leaf_at), path = dir + "/" + rel;
  int fd = openat(parent, leaf.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd >= 0 && SameFileFd(fd, bytes)) {
    if (file_fd) *file_fd = fd;
    else close(fd);
    return true;
  }
  if (fd >= 0) close(fd);
  std::string tmp = TempName();
  int out = openat(parent, tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (out < 0) {
    *err = Errno("cannot write in " + parent_path);
    return false;
  }
  bool ok = WriteFully(out, bytes) && fchmod(out, mode) == 0;
  close(out);
  // Atomic: a concurrent start sees the old complete file or the new one.
  if (!ok || renameat(parent, tmp.c_str(), parent, leaf.c_str()) != 0) {
    *err = Errno("cannot write " + path);
    unlinkat(parent, tmp.c_str(), 0);
    return false;
  }
  if (!file_fd) return true;
  fd = openat(parent, leaf.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0 || !SameFileFd(fd, bytes)) {
    *err = path + " changed after it was written: refused";
    if (fd >= 0) close(fd);
    return false;
  }
  *file_fd = fd;
  return true;
}

}  // namespace vm
