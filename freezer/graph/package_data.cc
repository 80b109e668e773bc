#include "freezer/graph/package_data.h"

#include <fnmatch.h>

#include <cstring>
#include <set>

namespace freezer {

namespace {

bool EndsWith(const std::string& s, const char* suffix) {
  size_t n = strlen(suffix);
  return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

bool BuildOnly(const std::string& name) {
  for (const char* s : {".py", ".pyc", ".pyo", ".pyi", ".so", ".pyx", ".pxd", ".c", ".h", ".a"})
    if (EndsWith(name, s)) return true;
  return name == "__pycache__";
}

bool AddFile(Disk* disk, const std::string& path, const std::string& archive_path,
             payload::EntryKind kind, bool compress, std::vector<payload::PayloadEntry>* out,
             std::string* err) {
  payload::PayloadEntry e;
  e.name = archive_path;
  e.kind = kind;
  e.compress = compress;
  e.executable = (disk->Stat(path).mode & 0111) != 0;
  if (!disk->ReadFile(path, &e.bytes, err)) return false;
  out->push_back(std::move(e));
  return true;
}

// Where a walk may go. A package's own files only: a symlink whose target
// is outside the package's directory tree (Debian links data to
// /usr/share; a crafted package links ../../../../etc) is skipped with one
// warning, so only --add-data and rules' explicit sources bring in outside
// files. nullptr: follow everything (those explicit sources).
struct Confinement {
  std::string root;                   // RealPath of the tree's top
  std::vector<std::string>* warnings;
  std::set<std::string> open_dirs;    // real directories being walked: no loop through in-tree links
};

bool Inside(const std::string& real, const std::string& root) {
  return real == root || (real.size() > root.size() && real.compare(0, root.size(), root) == 0 &&
                          (root.back() == '/' || real[root.size()] == '/'));
}

// True when `path` (a symlink) may be followed; else warns.
bool MayFollow(Disk* disk, const std::string& path, Confinement* c) {
  std::string real = disk->RealPath(path);
  if (!real.empty() && Inside(real, c->root)) return true;
  c->warnings->push_back("package data: skipped the symlink '" + path + "' -> '" +
                         (real.empty() ? std::string("?") : real) +
                         "': it leaves the package's directory '" + c->root +
                         "' (use --add-data SRC:DEST to bundle files from outside)");
  return false;
}

// Files below `dir` (recursively), skipping the directories `skip_dir`
// (path, archive path) says.
template <typename SkipDir, typename SkipFile>
bool Walk(Disk* disk, const std::string& dir, const std::string& archive_dir, SkipDir skip_dir,
          SkipFile skip_file, payload::EntryKind kind, bool compress,
          std::vector<payload::PayloadEntry>* out, std::string* err,
          Confinement* confine = nullptr) {
  std::string real = confine ? disk->RealPath(dir) : "";
  if (confine && !confine->open_dirs.insert(real).second) return true;  // a link to an ancestor
  struct Close {
    Confinement* c;
    const std::string& real;
    ~Close() { if (c) c->open_dirs.erase(real); }
  } close{confine, real};
  std::vector<std::string> names;
  if (!disk->ListDir(dir, &names)) return true;
  for (const auto& n : names) {
    std::string path = JoinPath(dir, n), archive_path = archive_dir.empty() ? n : archive_dir + "/" + n;
    FileInfo info = disk->Stat(path);
    if (confine && info.link && info.type != FileInfo::Type::kMissing &&
        !MayFollow(disk, path, confine))
      continue;
    if (info.type == FileInfo::Type::kDir) {
      if (!skip_dir(path, archive_path) &&
          !Walk(disk, path, archive_path, skip_dir, skip_file, kind, compress, out, err, confine))
        return false;
    } else if (info.type == FileInfo::Type::kFile && !skip_file(n)) {
      if (!AddFile(disk, path, archive_path, kind, compress, out, err)) return false;
    }
  }
  return true;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
  return s;
}

// "PyYAML-6.0.dist-info" -> "pyyaml"; dashes, dots, underscores alike.
std::string ProjectKey(const std::string& dist_dir) {
  std::string name = dist_dir.substr(0, dist_dir.find('-'));
  std::string key;
  for (char c : Lower(name)) key += (c == '-' || c == '.') ? '_' : c;
  return key;
}

}  // namespace

bool CollectPackageData(Disk* disk, const ModuleGraph& graph, bool compress,
                        std::vector<payload::PayloadEntry>* out, std::vector<std::string>* warnings,
                        std::string* err) {
  for (const auto& [name, m] : graph.modules()) {
    if (m.kind != Module::Kind::kPackage && m.kind != Module::Kind::kNamespace) continue;
    std::string archive_dir = name;
    for (char& c : archive_dir) if (c == '.') c = '/';
    for (const auto& dir : m.package_dirs) {
      // Subpackages bring their own data when they are bundled, and so do
      // directories bundled as namespace packages (--include-package walks
      // into them). The data of a subpackage nothing imports comes with its
      // parent (pkgutil.get_data('lark', 'grammars/common.lark')).
      auto skip_dir = [&](const std::string& path, const std::string& archive_path) {
        if (Basename(path) == "__pycache__") return true;
        std::string dotted = archive_path;
        for (char& c : dotted) if (c == '/') c = '.';
        auto it = graph.modules().find(dotted);
        bool bundled = it != graph.modules().end() && (it->second.kind == Module::Kind::kPackage ||
                                                       it->second.kind == Module::Kind::kNamespace);
        // Test suites nothing imports stay out (numpy's are tens of MB).
        return bundled || IsTestSuiteName(Basename(path));
      };
      Confinement confine{disk->RealPath(dir), warnings, {}};
      if (confine.root.empty()) continue;
      if (!Walk(disk, dir, archive_dir, skip_dir, BuildOnly, payload::EntryKind::kData, compress,
                out, err, &confine))
        return false;
    }
  }
  return true;
}

bool CollectAddedData(Disk* disk, const std::vector<std::string>& specs, bool compress,
                      std::vector<payload::PayloadEntry>* out, std::string* err) {
  for (const auto& spec : specs) {
    size_t colon = spec.rfind(':');
    if (colon == std::string::npos || colon == 0) {
      *err = "--add-data '" + spec + "': expected SRC:DEST";
      return false;
    }
    std::string src = spec.substr(0, colon), dest = spec.substr(colon + 1);
    while (!dest.empty() && dest.back() == '/') dest.pop_back();
    while (dest.compare(0, 2, "./") == 0) dest = dest.substr(2);
    if (dest == ".") dest.clear();  // PyInstaller's SRC:. is the root of the app
    if (!dest.empty() && (dest[0] == '/' || dest == ".." || dest.find("../") != std::string::npos)) {
      *err = "--add-data '" + spec + "': DEST must be a relative path inside the app";
      return false;
    }
    // The freezer's own members live there; the stub would read a planted one.
    std::string reserved(payload::kFreezerMemberDir.substr(0, payload::kFreezerMemberDir.size() - 1));
    if (dest == reserved || payload::IsFreezerMember(dest + "/") ||
        (dest.empty() && Basename(src) == reserved)) {
      *err = "--add-data '" + spec + "': DEST '" + reserved + "/' is reserved for the freezer's own members";
      return false;
    }
    FileInfo info = disk->Stat(src);
    if (info.type == FileInfo::Type::kFile) {
      std::string target = dest.empty() ? Basename(src) : dest + "/" + Basename(src);
      if (!AddFile(disk, src, target, payload::EntryKind::kData, compress, out, err)) return false;
    } else if (info.type == FileInfo::Type::kDir) {
      auto none_dir = [](const std::string& path, const std::string&) { return Basename(path) == "__pycache__"; };
      auto none_file = [](const std::string&) { return false; };
      if (!Walk(disk, src, dest, none_dir, none_file, payload::EntryKind::kData, compress, out, err))
        return false;
    } else {
      *err = "--add-data '" + spec + "': cannot read '" + src + "'";
      return false;
    }
  }
  return true;
}

bool CollectDataTree(Disk* disk, const std::string& src, const std::string& dest,
                     const std::vector<std::string>& skip, bool compress,
                     std::vector<payload::PayloadEntry>* out, std::string* err) {
  auto skipped = [&](const std::string& name) {
    for (const auto& glob : skip)
      if (fnmatch(glob.c_str(), name.c_str(), 0) == 0) return true;
    return name == "__pycache__";
  };
  FileInfo info = disk->Stat(src);
  if (info.type == FileInfo::Type::kFile)
    return AddFile(disk, src, dest, payload::EntryKind::kData, compress, out, err);
  if (info.type != FileInfo::Type::kDir) {
    *err = "'" + src + "' is neither a file nor a directory";
    return false;
  }
  auto skip_dir = [&](const std::string& path, const std::string&) { return skipped(Basename(path)); };
  return Walk(disk, src, dest, skip_dir, skipped, payload::EntryKind::kData, compress, out, err);
}

bool CollectMetadata(Disk* disk, const ModuleGraph& graph,
                     const std::vector<std::string>& search_path,
                     std::vector<payload::PayloadEntry>* out, std::string* err) {
  std::set<std::string> top_level;  // bundled top-level module names
  for (const auto& [name, m] : graph.modules()) {
    if (m.kind == Module::Kind::kSource || m.kind == Module::Kind::kPackage ||
        m.kind == Module::Kind::kNamespace || m.kind == Module::Kind::kExtension)
      top_level.insert(Lower(name.substr(0, name.find('.'))));
  }
  std::set<std::string> taken;  // one distribution per project, first on the path
  for (const auto& dir : search_path) {
    std::vector<std::string> names;
    if (!disk->ListDir(dir, &names)) continue;
    for (const auto& n : names) {
      if (!EndsWith(n, ".dist-info") && !EndsWith(n, ".egg-info")) continue;
      std::string path = JoinPath(dir, n);
      std::string key = ProjectKey(n);
      if (taken.count(key)) continue;
      // Which modules it provides: top_level.txt, else the project name.
      std::set<std::string> provides = {key};
      std::string top;
      if (disk->ReadFile(JoinPath(path, "top_level.txt"), &top, err)) {
        size_t start = 0;
        while (start < top.size()) {
          size_t end = top.find('\n', start);
          if (end == std::string::npos) end = top.size();
          std::string line = top.substr(start, end - start);
          while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
          if (!line.empty()) provides.insert(Lower(line));
          start = end + 1;
        }
      }
      err->clear();
      bool bundled = false;
      for (const auto& p : provides) bundled = bundled || top_level.count(p);
      if (!bundled) continue;
      taken.insert(key);
      FileInfo info = disk->Stat(path);
      if (info.type == FileInfo::Type::kFile) {  // a PKG-INFO-only egg-info file
        if (!AddFile(disk, path, n + "/PKG-INFO", payload::EntryKind::kMetadata, false, out, err))
          return false;
        continue;
      }
      auto none_dir = [](const std::string&, const std::string&) { return false; };
      auto none_file = [](const std::string&) { return false; };
      if (!Walk(disk, path, n, none_dir, none_file, payload::EntryKind::kMetadata, false, out, err))
        return false;
    }
  }
  return true;
}

}  // namespace freezer
