// File system access of the freezer behind a small interface, so the module
// graph and whole builds can be tested on in-memory trees (freezer/memory_disk.h).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace freezer {

struct FileInfo {
  enum class Type { kMissing, kFile, kDir, kOther };
  Type type = Type::kMissing;
  int64_t mtime_ns = 0;
  uint64_t size = 0;
  bool link = false;           // the name itself is a symlink (Type is its target's)
  uint64_t dev = 0, ino = 0;   // same file: same (dev, ino); 0 when missing
  uint32_t uid = 0, mode = 0;  // owner and permission bits (st_mode & 07777)
};

// Same existing file, by device and inode (a link or another spelling of the path).
inline bool SameFile(const FileInfo& a, const FileInfo& b) {
  return a.type != FileInfo::Type::kMissing && b.type != FileInfo::Type::kMissing &&
         a.dev == b.dev && a.ino == b.ino;
}

class Disk {
 public:
  virtual ~Disk() = default;
  virtual FileInfo Stat(const std::string& path) = 0;
  virtual bool ReadFile(const std::string& path, std::string* contents, std::string* err) = 0;
  // Names in a directory, sorted; false when it cannot be read.
  virtual bool ListDir(const std::string& path, std::vector<std::string>* names) = 0;
  // Atomic (temporary file + rename) but not synced to disk: for caches,
  // whose readers validate what they read.
  virtual bool WriteCacheFile(const std::string& path, std::string_view contents,
                              std::string* err) = 0;
  // mkdir -p, private (0700): only caches are made this way, and the stub's
  // private cache shares their base and refuses a directory others can read.
  // True when the directory exists afterwards.
  virtual bool MakeDirs(const std::string& path, std::string* err) = 0;
  // mkdir -p as the shell's (0755 less the umask): for the directories of
  // outputs (`-o dist/app`), which are the user's to share.
  virtual bool MakeOutputDirs(const std::string& path, std::string* err) = 0;
  // Whether a file can be created in the existing directory `dir`
  // (access(2) W_OK|X_OK); `why` says why not.
  virtual bool CanCreateIn(const std::string& dir, std::string* why) = 0;
  // Writes `path` completely or not at all: a temporary file beside it,
  // fsync, chmod, rename over. The old file stays intact until the rename.
  virtual bool WriteFileAtomic(const std::string& path, std::string_view contents,
                               unsigned mode, std::string* err) = 0;
  // unlink; false when there was nothing to remove.
  virtual bool Remove(const std::string& path) = 0;
  // The path with every symlink resolved (realpath(3)); "" when it cannot be.
  virtual std::string RealPath(const std::string& path) = 0;
};

class RealDisk : public Disk {
 public:
  FileInfo Stat(const std::string& path) override;
  bool ReadFile(const std::string& path, std::string* contents, std::string* err) override;
  bool ListDir(const std::string& path, std::vector<std::string>* names) override;
  bool MakeDirs(const std::string& path, std::string* err) override;
  bool MakeOutputDirs(const std::string& path, std::string* err) override;
  bool CanCreateIn(const std::string& dir, std::string* why) override;
  bool WriteCacheFile(const std::string& path, std::string_view contents, std::string* err) override;
  bool WriteFileAtomic(const std::string& path, std::string_view contents, unsigned mode,
                       std::string* err) override;
  bool Remove(const std::string& path) override;
  std::string RealPath(const std::string& path) override;

 private:
  bool MakeDirsMode(const std::string& path, unsigned mode, std::string* err);
  bool WriteReplacing(const std::string& path, std::string_view contents, unsigned mode,
                      bool durable, std::string* err);
};

std::string Dirname(const std::string& path);   // "a/b.py" -> "a"; "b.py" -> "."
std::string Basename(const std::string& path);  // "a/b.py" -> "b.py"
std::string JoinPath(const std::string& a, const std::string& b);
// Absolute form of `path` (lexically, against the current directory).
std::string AbsolutePath(const std::string& path);

}  // namespace freezer
