// For tests: an in-memory tree behind the Disk interface. Files by path;
// directories are implied by the files below them.
#pragma once

#include <functional>
#include <map>
#include <unistd.h>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "freezer/disk.h"

namespace freezer {

class MemoryDisk : public Disk {
 public:
  void AddFile(const std::string& path, std::string contents, int64_t mtime_ns = 1) {
    files_[path] = std::move(contents);
    mtimes_[path] = mtime_ns;
  }

  FileInfo Stat(const std::string& path) override {
    FileInfo info;
    if (auto it = files_.find(path); it != files_.end()) {
      info.type = FileInfo::Type::kFile;
      info.size = it->second.size();
      info.mtime_ns = mtimes_[path];
      info.dev = 1;
      info.ino = std::hash<std::string>()(path) | 1;  // one file per path, no links
      info.mode = 0644;
      info.uid = static_cast<uint32_t>(geteuid());
      return info;
    }
    std::string prefix = path + "/";
    auto below = files_.lower_bound(prefix);
    if (below != files_.end() && below->first.compare(0, prefix.size(), prefix) == 0) {
      info.type = FileInfo::Type::kDir;
      info.mode = 0755;
      info.uid = static_cast<uint32_t>(geteuid());
    }
    return info;
  }

  bool ReadFile(const std::string& path, std::string* contents, std::string* err) override {
    auto it = files_.find(path);
    if (it == files_.end()) {
      *err = "cannot read '" + path + "': No such file or directory";
      return false;
    }
    *contents = it->second;
    return true;
  }

  bool ListDir(const std::string& path, std::vector<std::string>* names) override {
    std::string prefix = path + "/";
    std::set<std::string> found;
    for (auto it = files_.lower_bound(prefix);
         it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
      std::string rest = it->first.substr(prefix.size());
      found.insert(rest.substr(0, rest.find('/')));
    }
    if (found.empty()) return false;
    names->assign(found.begin(), found.end());
    return true;
  }

  bool MakeDirs(const std::string&, std::string*) override { return true; }
  bool MakeOutputDirs(const std::string&, std::string*) override { return true; }
  bool CanCreateIn(const std::string&, std::string*) override { return true; }
  bool WriteCacheFile(const std::string& path, std::string_view contents, std::string* err) override {
    return WriteFileAtomic(path, contents, 0644, err);
  }
  bool WriteFileAtomic(const std::string& path, std::string_view contents, unsigned,
                       std::string*) override {
    AddFile(path, std::string(contents));
    return true;
  }
  bool Remove(const std::string& path) override {
    mtimes_.erase(path);
    return files_.erase(path) == 1;
  }

  std::string RealPath(const std::string& path) override {
    return Stat(path).type == FileInfo::Type::kMissing ? "" : path;
  }

  const std::map<std::string, std::string>& files() const { return files_; }

 private:
  std::map<std::string, std::string> files_;
  std::map<std::string, int64_t> mtimes_;
};

}  // namespace freezer
