#include "freezer/native/native_closure.h"

#include <glob.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <set>

#include "freezer/disk.h"
#include "freezer/native/elf_file.h"

namespace freezer {

namespace {

std::string RealPath(const std::string& path) {
  char buf[PATH_MAX];
  return realpath(path.c_str(), buf) ? std::string(buf) : std::string();
}

bool IsFile(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string ExpandOrigin(std::string dir, const std::string& origin) {
  for (const char* token : {"${ORIGIN}", "$ORIGIN"}) {
    size_t at;
    while ((at = dir.find(token)) != std::string::npos) dir.replace(at, strlen(token), origin);
  }
  return dir;
}

void ReadLdConf(const std::string& file, std::vector<std::string>* dirs, int depth) {
  std::ifstream in(file);
  std::string line;
  while (depth < 8 && std::getline(in, line)) {
    line = line.substr(0, line.find('#'));
    size_t a = line.find_first_not_of(" \t"), b = line.find_last_not_of(" \t\r");
    if (a == std::string::npos) continue;
    line = line.substr(a, b - a + 1);
    if (line.rfind("include", 0) == 0 && line.size() > 7 && (line[7] == ' ' || line[7] == '\t')) {
      std::string pattern = line.substr(line.find_first_not_of(" \t", 7));
      if (pattern[0] != '/') pattern = JoinPath(Dirname(file), pattern);
      glob_t g;
      if (glob(pattern.c_str(), 0, nullptr, &g) == 0) {
        for (size_t i = 0; i < g.gl_pathc; ++i) ReadLdConf(g.gl_pathv[i], dirs, depth + 1);
      }
      globfree(&g);
    } else if (line[0] == '/') {
      dirs->push_back(line);
    }
  }
}

}  // namespace

bool IsGlibcFamily(const std::string& soname) {
  static const std::set<std::string> kFamily = {
      "ld-linux-x86-64.so.2", "libc.so.6",  "libm.so.6",     "libpthread.so.0",
      "libdl.so.2",           "librt.so.1", "libutil.so.1",  "linux-vdso.so.1"};
  return kFamily.count(soname) > 0;
}

std::vector<std::string> SystemLibraryDirs() {
  std::vector<std::string> dirs;
  ReadLdConf("/etc/ld.so.conf", &dirs, 0);
  for (const char* d : {"/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64",
                        "/lib", "/usr/lib"})
    dirs.push_back(d);
  std::vector<std::string> unique;
  for (auto& d : dirs)
    if (std::find(unique.begin(), unique.end(), d) == unique.end()) unique.push_back(d);
  return unique;
}

NativeResolver::NativeResolver(std::vector<std::string> system_dirs)
    : system_dirs_(std::move(system_dirs)) {}

std::string NativeResolver::Find(const std::string& needed, const std::string& origin,
                                 const std::vector<std::string>& rpaths,
                                 const std::vector<std::string>& runpath) {
  if (needed.find('/') != std::string::npos) return IsFile(needed) ? RealPath(needed) : "";
  std::vector<std::string> dirs;
  if (runpath.empty()) dirs = rpaths;  // DT_RPATH counts only without DT_RUNPATH
  for (const auto& d : runpath) dirs.push_back(ExpandOrigin(d, origin));
  dirs.insert(dirs.end(), system_dirs_.begin(), system_dirs_.end());
  for (const auto& d : dirs) {
    std::string candidate = JoinPath(d, needed);
    if (IsFile(candidate)) return RealPath(candidate);
  }
  return "";
}

void NativeResolver::NoteGlibc(const std::string& file, const std::vector<std::string>& versions) {
  for (const auto& v : versions) {
    if (closure_.glibc_floor.empty() || GlibcVersionLess(closure_.glibc_floor, v)) {
      closure_.glibc_floor = v;
      closure_.glibc_floor_file = file;
    }
  }
}

bool NativeResolver::Visit(const std::string& path, std::vector<std::string> rpath_chain,
                           std::vector<std::string>* order, std::string* err) {
  std::string real = RealPath(path);
  auto append = [&](const std::vector<std::string>& names) {
    for (const auto& n : names)
      if (std::find(order->begin(), order->end(), n) == order->end()) order->push_back(n);
  };
  auto known = deps_of_.find(real);
  if (known != deps_of_.end()) {  // done (or in progress: a cycle)
    append(known->second);
    return true;
  }
  deps_of_[real] = {};
  ElfFile elf;
  if (!ReadElfFile(real, &elf, err)) return false;
  NoteGlibc(path, elf.glibc_versions);
  std::string origin = Dirname(real);
  // RPATH applies to this object's lookups and those of what it loads.
  if (elf.runpath.empty())
    for (const auto& d : elf.rpath) rpath_chain.push_back(ExpandOrigin(d, origin));
  std::vector<std::string> mine;
  for (const auto& needed : elf.needed) {
    if (IsGlibcFamily(needed)) continue;
    std::string found = Find(needed, origin, rpath_chain, elf.runpath);
    if (found.empty()) {
      closure_.warnings.push_back("library '" + needed + "' needed by " + path +
                                  " not found: not bundled");
      continue;
    }
    auto existing = path_of_name_.find(needed);
    if (existing != path_of_name_.end() && existing->second != found) {
      closure_.warnings.push_back("two libraries answer to '" + needed + "': " +
                                  existing->second + " is bundled, " + found + " is not");
    }
    if (!Visit(found, rpath_chain, &mine, err)) return false;
    if (std::find(mine.begin(), mine.end(), needed) == mine.end()) mine.push_back(needed);
    if (existing == path_of_name_.end()) {
      path_of_name_[needed] = found;
      closure_.libraries.push_back({needed, found});  // after its own dependencies
    }
  }
  deps_of_[real] = mine;
  append(mine);
  return true;
}

bool NativeResolver::Add(const std::string& path, bool bundled, std::string* err) {
  if (!bundled) {
    ElfFile elf;
    if (!ReadElfFile(path, &elf, err)) return false;
    NoteGlibc(path, elf.glibc_versions);
    return true;
  }
  std::vector<std::string> order;
  if (!Visit(path, {}, &order, err)) return false;
  closure_.needs[path] = order;
  return true;
}

bool NativeResolver::AddByName(const std::string& soname, std::vector<std::string>* order, std::string* err) {
  std::string found = Find(soname, "", {}, {});
  if (found.empty()) {
    *err = "library '" + soname + "' not found in the system's library directories";
    return false;
  }
  if (!Visit(found, {}, order, err)) return false;
  if (std::find(order->begin(), order->end(), soname) == order->end()) order->push_back(soname);
  if (!path_of_name_.count(soname)) {
    path_of_name_[soname] = found;
    closure_.libraries.push_back({soname, found});
  }
  closure_.by_name[soname] = *order;
  return true;
}

}  // namespace freezer
