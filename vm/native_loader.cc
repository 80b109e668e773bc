#include "vm/native_loader.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <unistd.h>

#include <vector>

#include "vm/image_descriptors.h"
#include "vm/private_cache.h"

namespace vm {

namespace {

std::string Errno(const std::string& what) { return what + ": " + strerror(errno); }

// A member that is read (to fill the cache once, or a memfd) is read whole:
// one madvise maps all its pages instead of a page fault every 4 KiB (for a
// 27 MB numpy stack, several milliseconds). Older kernels ignore it.
void PrefaultEntry(std::span<const uint8_t> bytes) {
#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22
#endif
  if (bytes.size() < (256u << 10)) return;
  const long page = sysconf(_SC_PAGESIZE);
  uintptr_t start = reinterpret_cast<uintptr_t>(bytes.data()) & ~static_cast<uintptr_t>(page - 1);
  uintptr_t end = reinterpret_cast<uintptr_t>(bytes.data()) + bytes.size();
  madvise(reinterpret_cast<void*>(start), end - start, MADV_POPULATE_READ);
}

// Once copied (to a memfd or the cache), the member's pages of the mapped
// payload are of no more use to this process: released, so they do not stay
// resident for its whole life. The mapping is read-only and private, never
// written, so the pages come back from the file should anything touch them
// again (only whole pages inside the member: a neighbour may share the
// first and last).
void ReleaseEntry(std::span<const uint8_t> bytes) {
  const uintptr_t page = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
  uintptr_t start = (reinterpret_cast<uintptr_t>(bytes.data()) + page - 1) & ~(page - 1);
  uintptr_t end = (reinterpret_cast<uintptr_t>(bytes.data()) + bytes.size()) & ~(page - 1);
  if (end > start) madvise(reinterpret_cast<void*>(start), end - start, MADV_DONTNEED);
}

bool Dlopen(const std::string& path, std::string* err) {
  if (dlopen(path.c_str(), RTLD_NOW | RTLD_GLOBAL)) return true;
  const char* e = dlerror();
  *err = e ? e : "dlopen failed";
  return false;
}

// dlopen of the file open at `fd`, which was checked through verified
// directories: /proc/self/fd/N names exactly that file whatever happens to
// its path (the loader knows the object by that name from then on, so the
// number must never name another image: vm/image_descriptors.h). Without
// /proc only the path is left: used when it still names
// that file, which the directory checks leave only root and the user able
// to change.
bool DlopenVerified(int fd, const std::string& path, std::string* loaded, std::string* err) {
  std::string by_fd = "/proc/self/fd/" + std::to_string(fd);
  struct stat st, via_path;
  if (access(by_fd.c_str(), R_OK) == 0) {
    *loaded = by_fd;
    return Dlopen(by_fd, err);
  }
  if (fstat(fd, &st) != 0 || stat(path.c_str(), &via_path) != 0 || st.st_dev != via_path.st_dev ||
      st.st_ino != via_path.st_ino) {
    *err = path + " is no longer the file written: refused";
    return false;
  }
  *loaded = path;
  return Dlopen(path, err);
}

}  // namespace

void NativeLoader::Init(const payload::PayloadReader* reader, const BootTrace* trace) {
  reader_ = reader;
  trace_ = trace;
}

bool NativeLoader::ReadMember(size_t index, std::span<const uint8_t>* bytes,
                              std::vector<uint8_t>* storage, std::string* err) {
  PrefaultEntry(reader_->entry(index).stored);
  return reader_->Read(index, bytes, storage, err);
}

bool NativeLoader::LoadFromCache(size_t index, const std::string& hex, std::string* path,
                                 std::string* file, std::string* err) {
  int fd = -1;
  const payload::EntryView entry = reader_->entry(index);
  if (!cache_.Open(hex, entry.size, &fd, path, err)) {
    if (!err->empty()) {  // no private cache here: memory from now on
      cache_ok_ = false;
      return false;
    }
    // Not there yet (or unusable, replaced now): read once, written once.
    std::span<const uint8_t> bytes;
    std::vector<uint8_t> storage;
    if (!ReadMember(index, &bytes, &storage, err)) return false;
    bool stored = cache_.Store(hex, bytes, &fd, path, err);
    ReleaseEntry(entry.stored);
    if (!stored) return false;
    trace_->Log("native cache: wrote %s", path->c_str());
  }
  *file = *path;
  // A number no image had before (vm/image_descriptors.h): the loader knows
  // the object by /proc/self/fd/N from now on, so the descriptor can go, and
  // the module's __file__ is the cache's file.
  int image = FreshImageDescriptor(fd);
  bool ok = image >= 0 && DlopenVerified(image, *file, path, err);
  if (image < 0) *err = "no descriptor number left to load " + *file;
  if (image >= 0) close(image);
  // A cache on a noexec mount cannot be mapped executable: memory from now on.
  if (!ok) cache_ok_ = false;
  return ok;
}

bool NativeLoader::LoadFromMemfd(const std::string& name, std::span<const uint8_t> bytes,
                                 std::string* path, std::string* err) {
  int fd = memfd_create(name.c_str(), MFD_CLOEXEC | MFD_ALLOW_SEALING);
  if (fd < 0) {
    *err = Errno("memfd_create");
    return false;
  }
  if (!WriteFully(fd, bytes)) {
    *err = Errno("writing memfd");
    close(fd);
    return false;
  }
  // Sealed: nothing can change the code after it is mapped.
  fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL);
  // Kept open for the life of the process, at a number no image had
  // before (vm/image_descriptors.h): /proc/self/fd/N is the module's
  // __file__, the only name the memory has.
  fd = FreshImageDescriptor(fd);
  if (fd < 0) {
    *err = "no descriptor number left for a memfd";
    return false;
  }
  *path = "/proc/self/fd/" + std::to_string(fd);
  if (Dlopen(*path, err)) return true;
  close(fd);
  return false;
}

bool NativeLoader::LoadFromTempDir(const std::string& name, std::span<const uint8_t> bytes,
                                   std::string* path, std::string* err) {
  // $TMPDIR is the caller's choice: ignored for a set-id app, and only used
  // when no other user can change it; /tmp otherwise.
  const char* tmpdir = getauxval(AT_SECURE) ? nullptr : getenv("TMPDIR");
  std::string first_err;
  for (std::string base : {std::string(tmpdir && tmpdir[0] == '/' ? tmpdir : ""), std::string("/tmp")}) {
    if (base.empty()) continue;
    int parent = -1, dir_fd = -1, fd = -1;
    std::string dir = base + "/freezer-XXXXXX";
    bool ok = OpenTrustedDir(base, &parent, err);
    if (ok && !mkdtemp(dir.data())) {
      *err = Errno("mkdtemp in " + base);
      ok = false;
    }
    std::string leaf = dir.substr(dir.rfind('/') + 1);
    bool made = ok;
    ok = ok && OpenPrivateDirAt(parent, leaf, dir, &dir_fd, err);
    *path = dir + "/" + name;
    if (ok) {
      int out = openat(dir_fd, name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0700);
      ok = out >= 0 && WriteFully(out, bytes);
      if (out >= 0) close(out);
      if (!ok) *err = Errno("cannot write " + *path);
      fd = ok ? openat(dir_fd, name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC) : -1;
      ok = ok && fd >= 0 && SameFileFd(fd, bytes);
      if (fd >= 0 && !ok && err->empty()) *err = *path + " changed after it was written: refused";
      // Unlinked below: /proc/self/fd/N, kept open, is all that names it.
      if (ok) fd = FreshImageDescriptor(fd);
      if (ok && fd < 0) *err = "no descriptor number left to load " + *path;
      ok = ok && fd >= 0;
      std::string loaded;
      ok = ok && DlopenVerified(fd, *path, &loaded, err);
      if (ok) *path = loaded;
      // Mapped already: the files can go, nothing is left behind.
      unlinkat(dir_fd, name.c_str(), 0);
    }
    if (made) unlinkat(parent, leaf.c_str(), AT_REMOVEDIR);
    if (dir_fd >= 0) close(dir_fd);
    if (parent >= 0) close(parent);
    // Loaded through /proc/self/fd/N: that descriptor must stay open.
    if (fd >= 0 && !(ok && path->rfind("/proc/self/fd/", 0) == 0)) close(fd);
    if (ok) return true;
    if (first_err.empty()) first_err = *err;
  }
  *err = first_err;
  return false;
}

bool NativeLoader::Load(const payload::NativeManifest& manifest, const std::string& archive_path,
                        std::string* loaded_path, std::string* err) {
  auto done = loaded_.find(archive_path);
  if (done != loaded_.end()) {
    *loaded_path = done->second;
    return true;
  }
  long i = reader_->FindFile(archive_path);
  if (i < 0) {
    *err = "'" + archive_path + "' is not in the payload";
    return false;
  }
  const size_t index = static_cast<size_t>(i);
  PrivateDirsInUse dirs_in_use;
  std::string cache_err, memfd_err, cached_file;
  auto digest = manifest.sha256.find(archive_path);
  bool ok = false;
  if (!manifest.load_memory && cache_ok_ && digest != manifest.sha256.end())
    ok = LoadFromCache(index, digest->second, loaded_path, &cached_file, &cache_err);
  if (ok) cached_[archive_path] = cached_file;
  if (!ok) {
    std::span<const uint8_t> bytes;
    std::vector<uint8_t> storage;
    if (!ReadMember(index, &bytes, &storage, err)) return false;
    std::string name = archive_path.substr(archive_path.rfind('/') + 1);
    if (memfd_ok_) {
      ok = LoadFromMemfd(name, bytes, loaded_path, &memfd_err);
      if (!ok) memfd_ok_ = false;  // e.g. no /proc: do not try again
    }
    // --native-load memory: nothing on disk, ever.
    if (!ok && !manifest.load_memory) ok = LoadFromTempDir(name, bytes, loaded_path, err);
    else if (!ok) *err = "--native-load memory and no memfd can be loaded";
    ReleaseEntry(reader_->entry(index).stored);
  }
  if (!ok) {
    *err = "cannot load " + archive_path + ": " + *err +
           (memfd_err.empty() ? "" : "; from memory: " + memfd_err) +
           (cache_err.empty() ? "" : "; from the cache: " + cache_err);
    return false;
  }
  trace_->Log("native %s -> %s", archive_path.c_str(), loaded_path->c_str());
  loaded_[archive_path] = *loaded_path;
  return true;
}

std::string NativeLoader::CachedFile(const std::string& archive_path) const {
  auto it = cached_.find(archive_path);
  return it == cached_.end() ? "" : it->second;
}

}  // namespace vm
