#include "vm/native_loader.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <map>
#include <vector>

#include "vm/boot_trace.h"

namespace vm {

namespace {

std::map<std::string, std::string>& Loaded() {
  static std::map<std::string, std::string> loaded;  // archive path -> loaded path
  return loaded;
}

std::string Errno(const std::string& what) { return what + ": " + strerror(errno); }

bool WriteAll(int fd, std::span<const uint8_t> bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

bool Dlopen(const std::string& path, std::string* err) {
  if (dlopen(path.c_str(), RTLD_NOW | RTLD_GLOBAL)) return true;
  const char* e = dlerror();
  *err = e ? e : "dlopen failed";
  return false;
}

// A file we wrote earlier with exactly these bytes (and nobody else's).
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

std::string NativeCacheBase() {
  const char* xdg = getenv("XDG_CACHE_HOME");
  if (xdg && xdg[0] == '/') return std::string(xdg) + "/freezer";
  const char* home = getenv("HOME");
  if (home && home[0] == '/' && strcmp(home, "/") != 0) return std::string(home) + "/.cache/freezer";
  return "/tmp/freezer-" + std::to_string(geteuid());
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

void NativeLoader::Init(const payload::PayloadReader* reader, std::string digest_hex) {
  reader_ = reader;
  digest_hex_ = std::move(digest_hex);
}

std::string NativeLoader::CacheDir() const {
  return NativeCacheBase() + "/native-" + digest_hex_;
}

bool NativeLoader::LoadFromMemfd(const std::string& name, std::span<const uint8_t> bytes,
                                 std::string* path, std::string* err) {
  int fd = memfd_create(name.c_str(), MFD_CLOEXEC | MFD_ALLOW_SEALING);
  if (fd < 0) {
    *err = Errno("memfd_create");
    return false;
  }
  if (!WriteAll(fd, bytes)) {
    *err = Errno("writing memfd");
    close(fd);
    return false;
  }
  // Sealed: nothing can change the code after it is mapped.
  fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL);
  // The fd stays open for the life of the process: the loader identifies
  // objects by path, so a /proc/self/fd/N path must never be reused.
  *path = "/proc/self/fd/" + std::to_string(fd);
  if (Dlopen(*path, err)) return true;
  close(fd);
  return false;
}

bool NativeLoader::LoadFromCacheDir(const std::string& name, std::span<const uint8_t> bytes,
                                    std::string* path, std::string* err) {
  std::string base = NativeCacheBase();
  // ~/.cache may not exist yet; it need not be private, ours below must.
  if (base.size() > 15 && base.compare(base.size() - 15, 15, "/.cache/freezer") == 0)
    mkdir(base.substr(0, base.size() - 8).c_str(), 0700);
  std::string dir = CacheDir();
  if (!EnsurePrivateDir(base, err) || !EnsurePrivateDir(dir, err)) return false;
  *path = dir + "/" + name;
  if (!SameFile(*path, bytes)) {
    std::string tmp = dir + "/." + name + ".XXXXXX";
    int fd = mkstemp(tmp.data());
    if (fd < 0) {
      *err = Errno("cannot write in " + dir);
      return false;
    }
    bool ok = WriteAll(fd, bytes) && fchmod(fd, 0700) == 0;
    close(fd);
    // Atomic: a concurrent start sees the old complete file or the new one.
    if (!ok || rename(tmp.c_str(), path->c_str()) != 0) {
      *err = Errno("cannot write " + *path);
      unlink(tmp.c_str());
      return false;
    }
  }
  return Dlopen(*path, err);
}

bool NativeLoader::LoadFromTempDir(const std::string& name, std::span<const uint8_t> bytes,
                                   std::string* path, std::string* err) {
  const char* tmpdir = getenv("TMPDIR");
  std::string dir = std::string(tmpdir && tmpdir[0] == '/' ? tmpdir : "/tmp") + "/freezer-XXXXXX";
  if (!mkdtemp(dir.data())) {
    *err = Errno("mkdtemp");
    return false;
  }
  *path = dir + "/" + name;
  int fd = open(path->c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0700);
  bool ok = fd >= 0 && WriteAll(fd, bytes);
  if (fd >= 0) close(fd);
  if (!ok) *err = Errno("cannot write " + *path);
  ok = ok && Dlopen(*path, err);
  // Mapped already: the files can go, nothing is left behind.
  unlink(path->c_str());
  rmdir(dir.c_str());
  return ok;
}

bool NativeLoader::Load(const std::string& archive_path, std::string* loaded_path,
                        std::string* err) {
  auto done = Loaded().find(archive_path);
  if (done != Loaded().end()) {
    *loaded_path = done->second;
    return true;
  }
  long i = reader_->FindFile(archive_path);
  if (i < 0) {
    *err = "'" + archive_path + "' is not in the payload";
    return false;
  }
  std::span<const uint8_t> bytes;
  std::vector<uint8_t> storage;
  if (!reader_->Read(static_cast<size_t>(i), &bytes, &storage, err)) return false;
  std::string name = archive_path.substr(archive_path.rfind('/') + 1);
  std::string memfd_err, cache_err;
  bool ok = false;
  if (memfd_ok_) {
    ok = LoadFromMemfd(name, bytes, loaded_path, &memfd_err);
    if (!ok) memfd_ok_ = false;  // e.g. no /proc: do not try again
  }
  if (!ok) ok = LoadFromCacheDir(name, bytes, loaded_path, &cache_err);
  if (!ok) ok = LoadFromTempDir(name, bytes, loaded_path, err);
  if (!ok) {
    *err = "cannot load " + archive_path + ": " + *err +
           (memfd_err.empty() ? "" : "; from memory: " + memfd_err) +
           (cache_err.empty() ? "" : "; from the cache: " + cache_err);
    return false;
  }
  BootTrace("native %s -> %s", archive_path.c_str(), loaded_path->c_str());
  Loaded()[archive_path] = *loaded_path;
  return true;
}

}  // namespace vm
