#include "freezer/listing_cache_disk.h"

namespace freezer {

FileInfo ListingCacheDisk::Stat(const std::string& path) {
  size_t slash = path.rfind('/');
  // Only "DIR/NAME" with a plain NAME is answered from a listing; anything
  // else ("x", "a/", "a/..", "/") goes to the inner disk.
  if (slash != std::string::npos && slash > 0 && slash + 1 < path.size()) {
    std::string_view name = std::string_view(path).substr(slash + 1);
    if (name != "." && name != "..") {
      Directory& d = dirs_[path.substr(0, slash)];
      if (!d.listed && !d.unlistable && ++d.asked >= kListAfter) {
        std::vector<std::string> names;
        if (inner_->ListDir(path.substr(0, slash), &names)) {
          d.names = std::set<std::string, std::less<>>(names.begin(), names.end());
          d.listed = true;
        } else {
          d.unlistable = true;
        }
      }
      if (d.listed && !d.names.count(name)) return FileInfo{};
    }
  }
  ++inner_stats_;
  return inner_->Stat(path);
}

bool ListingCacheDisk::ListDir(const std::string& path, std::vector<std::string>* names) {
  if (auto it = dirs_.find(path); it != dirs_.end() && it->second.listed) {
    names->assign(it->second.names.begin(), it->second.names.end());  // sorted, as ListDir's
    return true;
  }
  if (!inner_->ListDir(path, names)) return false;
  Directory& d = dirs_[path];
  d.names = std::set<std::string, std::less<>>(names->begin(), names->end());
  d.listed = true;
  d.unlistable = false;
  return true;
}

void ListingCacheDisk::Forget(const std::string& path) {
  // The listing of every directory above `path`: a write may create
  // directories on the way (a tree whose directories are implied by files).
  for (size_t slash = path.rfind('/'); slash != std::string::npos && slash > 0;
       slash = path.rfind('/', slash - 1))
    dirs_.erase(path.substr(0, slash));
  dirs_.erase(path.find('/') == std::string::npos ? "." : "/");
}

bool ListingCacheDisk::WriteCacheFile(const std::string& path, std::string_view contents,
                                      std::string* err) {
  Forget(path);
  return inner_->WriteCacheFile(path, contents, err);
}

bool ListingCacheDisk::MakeDirs(const std::string& path, std::string* err) {
  // Every directory from `path` up may be new: forget their listings
  // (not all of them: a cold build creates one cache directory per
  // source directory).
  Forget(JoinPath(path, "x"));
  return inner_->MakeDirs(path, err);
}

bool ListingCacheDisk::MakeOutputDirs(const std::string& path, std::string* err) {
  Forget(JoinPath(path, "x"));
  return inner_->MakeOutputDirs(path, err);
}

bool ListingCacheDisk::WriteFileAtomic(const std::string& path, std::string_view contents,
                                       unsigned mode, std::string* err) {
  Forget(path);
  return inner_->WriteFileAtomic(path, contents, mode, err);
}

bool ListingCacheDisk::Remove(const std::string& path) {
  Forget(path);
  return inner_->Remove(path);
}

}  // namespace freezer
