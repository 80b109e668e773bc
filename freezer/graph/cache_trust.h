// Whether the bytecode cache may be believed. A cached pyc is shipped as the
// app's code, so whoever can write the cache can write the app: the build
// uses a cache (--cache-dir or the default $XDG_CACHE_HOME/freezer) only
// under the rules the app's run-time cache follows (vm/private_cache.cc):
// every directory from the cache's top down to an entry, and the entry, is
// a real directory or file (no symlink), owned by the user, with no group or
// other write permission; the top's ancestors are owned by root or the user
// and not writable by others unless sticky (/tmp). Otherwise the build
// compiles in memory, with one warning.
#pragma once

#include <set>
#include <string>

#include "freezer/disk.h"

namespace freezer {

class CacheTrust {
 public:
  CacheTrust(Disk* disk, std::string top) : disk_(disk), top_(std::move(top)) {}

  // "" when the top directory (if it exists) and its ancestors are fine, else why not.
  std::string CheckTop();
  // "" when `path` (below the top) and every directory between may be read.
  // A missing file is fine (nothing to read); a missing directory too.
  std::string CheckEntry(const std::string& path);

 private:
  std::string CheckDir(const std::string& dir);  // memoized

  Disk* disk_;
  std::string top_;
  std::set<std::string> trusted_;
};

// Why `info` (of `path`, a cache directory or file) is not the user's own
// unshared file, or "".
std::string UntrustedReason(const std::string& path, const FileInfo& info, FileInfo::Type want);

}  // namespace freezer
