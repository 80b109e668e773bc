#include "freezer/graph/cache_trust.h"

#include <unistd.h>

namespace freezer {

std::string UntrustedReason(const std::string& path, const FileInfo& info, FileInfo::Type want) {
  if (info.link) return "'" + path + "' is a symlink";
  if (info.type != want)
    return "'" + path + "' is not a " + (want == FileInfo::Type::kDir ? "directory" : "file");
  if (info.uid != static_cast<uint32_t>(geteuid()))
    return "'" + path + "' belongs to another user (uid " + std::to_string(info.uid) + ")";
  if (info.mode & 022) return "'" + path + "' is writable by other users";
  return "";
}

std::string CacheTrust::CheckTop() {
  FileInfo top = disk_->Stat(top_);
  if (top.type != FileInfo::Type::kMissing) {
    if (std::string why = UntrustedReason(top_, top, FileInfo::Type::kDir); !why.empty()) return why;
  }
  // Whoever may rename an ancestor may swap the whole cache.
  for (std::string dir = Dirname(top_), prev; !dir.empty() && dir != prev; prev = dir, dir = Dirname(dir)) {
    FileInfo a = disk_->Stat(dir);
    if (a.type == FileInfo::Type::kDir) {
      if (a.uid != 0 && a.uid != static_cast<uint32_t>(geteuid()))
        return "'" + dir + "' (above the cache) belongs to another user (uid " +
               std::to_string(a.uid) + ")";
      if ((a.mode & 022) && !(a.mode & 01000))
        return "'" + dir + "' (above the cache) is writable by other users";
    }
    if (dir == "/" || dir == ".") break;
  }
  trusted_.insert(top_);
  return "";
}

std::string CacheTrust::CheckDir(const std::string& dir) {
  if (dir.size() <= top_.size() || trusted_.count(dir)) return "";
  if (std::string why = CheckDir(Dirname(dir)); !why.empty()) return why;
  FileInfo info = disk_->Stat(dir);
  if (info.type == FileInfo::Type::kMissing) return "";
  if (std::string why = UntrustedReason(dir, info, FileInfo::Type::kDir); !why.empty()) return why;
  trusted_.insert(dir);
  return "";
}

std::string CacheTrust::CheckEntry(const std::string& path) {
  if (std::string why = CheckDir(Dirname(path)); !why.empty()) return why;
  FileInfo info = disk_->Stat(path);
  if (info.type == FileInfo::Type::kMissing && !info.link) return "";
  return UntrustedReason(path, info, FileInfo::Type::kFile);
}

}  // namespace freezer
