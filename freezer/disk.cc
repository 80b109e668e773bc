#include "freezer/disk.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <set>

namespace freezer {

namespace {

std::string ErrnoText(const std::string& what, const std::string& path) {
  return what + " '" + path + "': " + strerror(errno);
}

// In 64 KiB pieces: writes of 256 KiB and more leave the file in the page cache as
// large folios, and an app mapped from such pages faults them in whole
// (about +2 MB of peak RSS for hello).
bool WriteAll(int fd, std::string_view data) {
  constexpr size_t kChunk = 64 * 1024;
  while (!data.empty()) {
    ssize_t n = write(fd, data.data(), std::min(data.size(), kChunk));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

}  // namespace

FileInfo RealDisk::Stat(const std::string& path) {
  struct stat st;
  FileInfo info;
  // One lstat answers for all but links (a missing path fails it too).
  if (lstat(path.c_str(), &st) != 0) return info;
  bool link = S_ISLNK(st.st_mode);
  if (link && stat(path.c_str(), &st) != 0) return info;
  info.link = link;
  info.dev = static_cast<uint64_t>(st.st_dev);
  info.ino = static_cast<uint64_t>(st.st_ino);
  info.uid = static_cast<uint32_t>(st.st_uid);
  info.mode = static_cast<uint32_t>(st.st_mode & 07777);
  info.type = S_ISREG(st.st_mode)   ? FileInfo::Type::kFile
              : S_ISDIR(st.st_mode) ? FileInfo::Type::kDir
                                    : FileInfo::Type::kOther;
  info.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  info.size = static_cast<uint64_t>(st.st_size);
  return info;
}

bool RealDisk::ReadFile(const std::string& path, std::string* contents, std::string* err) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *err = ErrnoText("cannot read", path);
    return false;
  }
  struct stat st;
  if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    close(fd);
    *err = "cannot read '" + path + "': is a directory";
    return false;
  }
  contents->clear();
  char buf[65536];
  for (;;) {
    ssize_t n = read(fd, buf, sizeof(buf));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      *err = ErrnoText("cannot read", path);
      close(fd);
      return false;
    }
    if (n == 0) break;
    contents->append(buf, static_cast<size_t>(n));
  }
  close(fd);
  return true;
}

bool RealDisk::ListDir(const std::string& path, std::vector<std::string>* names) {
  DIR* d = opendir(path.c_str());
  if (!d) return false;
  names->clear();
  while (dirent* e = readdir(d)) {
    std::string n = e->d_name;
    if (n != "." && n != "..") names->push_back(n);
  }
  closedir(d);
  std::sort(names->begin(), names->end());
  return true;
}

bool RealDisk::MakeDirs(const std::string& path, std::string* err) {
  return MakeDirsMode(path, 0700, err);
}

bool RealDisk::MakeOutputDirs(const std::string& path, std::string* err) {
  return MakeDirsMode(path, 0755, err);
}

bool RealDisk::CanCreateIn(const std::string& dir, std::string* why) {
  if (access(dir.c_str(), W_OK | X_OK) == 0) return true;
  *why = strerror(errno);
  return false;
}

bool RealDisk::MakeDirsMode(const std::string& path, unsigned mode, std::string* err) {
  if (path.empty() || Stat(path).type == FileInfo::Type::kDir) return true;
  std::string parent = Dirname(path);
  if (parent != path && !MakeDirsMode(parent, mode, err)) return false;
  if (mkdir(path.c_str(), mode) != 0 && errno != EEXIST) {
    *err = ErrnoText("cannot create directory", path);
    return false;
  }
  return true;
}

bool RealDisk::WriteFileAtomic(const std::string& path, std::string_view contents,
                               unsigned mode, std::string* err) {
  return WriteReplacing(path, contents, mode, /*durable=*/true, err);
}

bool RealDisk::WriteCacheFile(const std::string& path, std::string_view contents,
                              std::string* err) {
  return WriteReplacing(path, contents, 0644, /*durable=*/false, err);
}

bool RealDisk::WriteReplacing(const std::string& path, std::string_view contents, unsigned mode,
                              bool durable, std::string* err) {
  FileInfo existing = Stat(path);
  if (existing.type == FileInfo::Type::kDir) {
    *err = "cannot write '" + path + "': is a directory";
    return false;
  }
  // The new content goes to an unnamed file (O_TMPFILE) that gets a name
  // only once complete, right before the rename: a build killed at any
  // moment leaves neither a half-written output nor a stray temporary.
  // Where O_TMPFILE is not supported, a named temporary (mkstemp).
  std::string dir = Dirname(path);
  std::string tmp = JoinPath(dir, "." + Basename(path) + ".freezer-XXXXXX");
  int fd = open(dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
  bool unnamed = fd >= 0;
  if (!unnamed) fd = mkstemp(tmp.data());
  if (fd < 0) {
    *err = ErrnoText("cannot write", path);
    return false;
  }
  bool ok = WriteAll(fd, contents) && fchmod(fd, mode) == 0 && (!durable || fsync(fd) == 0);
  if (ok && unnamed) {
    // linkat needs a name that does not exist yet: take mkstemp's, free it.
    int name_fd = mkstemp(tmp.data());
    ok = name_fd >= 0 && close(name_fd) == 0 && unlink(tmp.c_str()) == 0 &&
         linkat(AT_FDCWD, ("/proc/self/fd/" + std::to_string(fd)).c_str(), AT_FDCWD, tmp.c_str(),
                AT_SYMLINK_FOLLOW) == 0;
  }
  if (!ok) *err = ErrnoText("cannot write", path);
  if (close(fd) != 0 && ok) {
    ok = false;
    *err = ErrnoText("cannot write", path);
  }
  if (ok && rename(tmp.c_str(), path.c_str()) != 0) {
    ok = false;
    *err = ErrnoText("cannot write", path);
  }
  if (!ok) unlink(tmp.c_str());
  return ok;
}
bool RealDisk::Remove(const std::string& path) { return unlink(path.c_str()) == 0; }

std::string Dirname(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string Basename(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string JoinPath(const std::string& a, const std::string& b) {
  if (a.empty() || a == ".") return b;
  if (a.back() == '/') return a + b;
  return a + "/" + b;
}

std::string AbsolutePath(const std::string& path) {
  if (!path.empty() && path[0] == '/') return path;
  char buf[PATH_MAX];
  if (!getcwd(buf, sizeof(buf))) return path;
  std::string p = path;
  while (p.compare(0, 2, "./") == 0) p = p.substr(2);
  return JoinPath(buf, p);
}

std::string RealDisk::RealPath(const std::string& path) {
  char buf[PATH_MAX];
  return realpath(path.c_str(), buf) ? std::string(buf) : std::string();
}

}  // namespace freezer
