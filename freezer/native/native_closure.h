// The shared libraries bundled extension modules need: DT_NEEDED followed
// recursively and resolved the way the dynamic loader would (RPATH when no
// RUNPATH, RUNPATH, $ORIGIN, then the system directories of ld.so.conf).
// Everything but the glibc family is bundled; the order is the order the
// stub loads them in (a library before those that need it).
#pragma once

#include <map>
#include <string>
#include <vector>

namespace freezer {

// Libraries every Linux machine has (and the glibc-only test root holds).
bool IsGlibcFamily(const std::string& soname);

// ld.so.conf's directories (includes followed) then the defaults.
std::vector<std::string> SystemLibraryDirs();

struct BundledLibrary {
  std::string name;  // the name extensions ask for (their DT_NEEDED): the soname
  std::string path;  // the file read (symlinks resolved)
};

struct NativeClosure {
  std::vector<BundledLibrary> libraries;  // dependencies first
  // Extension path -> names (as in `libraries`) it needs, in load order.
  std::map<std::string, std::vector<std::string>> needs;
  // Sonames of libraries bundled because they are dlopened by name -> the
  // sonames to load first (their closure) and the library last.
  std::map<std::string, std::vector<std::string>> by_name;
  std::string glibc_floor;       // newest GLIBC_x.y any file needs
  std::string glibc_floor_file;  // which file
  // A symbol of it that needs that version ("stat@GLIBC_2.33"), once the
  // build lowered what it could (freezer/build_glibc_floor.cc).
  std::string glibc_floor_symbol;
  std::vector<std::string> warnings;
};

class NativeResolver {
 public:
  explicit NativeResolver(std::vector<std::string> system_dirs);
  // Adds an extension module (or the stub: `bundled` false, only its glibc
  // needs count).
  bool Add(const std::string& path, bool bundled, std::string* err);
  // Adds a library that code dlopens by name (a package rule's `libraries`):
  // found in the system directories, bundled after what it needs. `order`
  // gets the sonames to load, the library itself last.
  bool AddByName(const std::string& soname, std::vector<std::string>* order, std::string* err);
  const NativeClosure& closure() const { return closure_; }

 private:
  // Appends `path`'s bundled dependencies (recursively, dependencies first)
  // to `order`; returns false on an unreadable ELF.
  bool Visit(const std::string& path, std::vector<std::string> rpath_chain,
             std::vector<std::string>* order, std::string* err);
  std::string Find(const std::string& needed, const std::string& origin,
                   const std::vector<std::string>& rpaths, const std::vector<std::string>& runpath);
  void NoteGlibc(const std::string& file, const std::vector<std::string>& versions);

  std::vector<std::string> system_dirs_;
  NativeClosure closure_;
  std::map<std::string, std::vector<std::string>> deps_of_;  // real path -> bundled names (ordered)
  std::map<std::string, std::string> path_of_name_;
};

}  // namespace freezer
