// What the dynamic loader reads from an ELF shared object, via libelf:
// its soname, needed libraries, search paths and the glibc symbol versions
// it requires.
#pragma once

#include <string>
#include <vector>

namespace freezer {

struct ElfFile {
  std::string soname;
  std::vector<std::string> needed;   // DT_NEEDED, in order
  std::vector<std::string> rpath;    // DT_RPATH entries (used only without RUNPATH)
  std::vector<std::string> runpath;  // DT_RUNPATH entries
  // Versions required from glibc libraries (GLIBC_2.2.5, GLIBC_2.34, ...).
  std::vector<std::string> glibc_versions;
};

bool ReadElfFile(const std::string& path, ElfFile* out, std::string* err);

// Orders "GLIBC_2.9" before "GLIBC_2.34"; false for equal.
bool GlibcVersionLess(const std::string& a, const std::string& b);

}  // namespace freezer
