// A Disk that answers "no such file" from directory listings it has read,
// instead of one stat(2) per question. Module discovery asks far more
// questions than there are files: every name-like string in bundled code is
// probed as a top-level module in every search directory, in four forms
// (package, two extension suffixes, source). A networkx build asked 1.9
// million stats, 96% of them misses (4.8 of its 5.8 s warm). importlib's
// FileFinder does the same: it lists a directory once and looks names up
// in the listing.
//
// A directory is listed once it has been asked about a few times (listing
// a directory asked about once costs more than the stat it saves). Writes
// through this Disk forget the listings they could change; files changed
// by others during a build are not seen, as with FileFinder.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "freezer/disk.h"

namespace freezer {

class ListingCacheDisk : public Disk {
 public:
  explicit ListingCacheDisk(Disk* inner) : inner_(inner) {}

  FileInfo Stat(const std::string& path) override;
  bool ReadFile(const std::string& path, std::string* contents, std::string* err) override {
    return inner_->ReadFile(path, contents, err);
  }
  bool ListDir(const std::string& path, std::vector<std::string>* names) override;
  bool WriteCacheFile(const std::string& path, std::string_view contents, std::string* err) override;
  bool MakeDirs(const std::string& path, std::string* err) override;
  bool MakeOutputDirs(const std::string& path, std::string* err) override;
  bool CanCreateIn(const std::string& dir, std::string* why) override { return inner_->CanCreateIn(dir, why); }
  bool WriteFileAtomic(const std::string& path, std::string_view contents, unsigned mode,
                       std::string* err) override;
  bool Remove(const std::string& path) override;
  std::string RealPath(const std::string& path) override { return inner_->RealPath(path); }

  // Stats asked of the inner disk (for tests and measurements).
  size_t inner_stats() const { return inner_stats_; }

  // Questions about a directory before it is listed.
  static constexpr int kListAfter = 4;

 private:
  struct Directory {
    int asked = 0;
    bool listed = false;      // `names` holds the directory's entries
    bool unlistable = false;  // ListDir failed: ask the inner disk each time
    std::set<std::string, std::less<>> names;
  };
  void Forget(const std::string& path);  // the listings that may hold `path`

  Disk* inner_;
  std::map<std::string, Directory, std::less<>> dirs_;
  size_t inner_stats_ = 0;
};

}  // namespace freezer
