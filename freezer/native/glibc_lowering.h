// Lowering a bundled library's glibc floor (`freezer build --glibc-floor`):
// each glibc symbol version it needs above the floor is re-pointed, in its
// version tables (freezer/native/symbol_versions.h), at
//   - the newest version at or below the floor that the build machine's
//     glibc still exports, when the table in glibc_lowering.cc says the
//     newer version is the same function under a new version (the
//     libpthread/libdl/librt/libutil merge into libc of 2.34, libm's
//     functions without the SVID wrapper of 2.27/2.29/2.35, ...); or
//   - no version, when the stub exports a function of that name (its
//     polyfills, stub/glibc_floor/): the executable comes first in the
//     loader's scope, so its definition answers the library's lookup.
// Anything else keeps its version and is reported as what blocks the floor.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

namespace freezer {

struct GlibcLoweringInputs {
  std::string floor;  // "GLIBC_2.17"
  // What the build machine's glibc family exports: name -> its versions.
  std::map<std::string, std::vector<std::string>> host;
  std::set<std::string> stub_exports;  // names the stub defines in .dynsym
};

// Reads `host` from libc.so.6, libm.so.6, libpthread.so.0, libdl.so.2,
// librt.so.1, libutil.so.1 and ld-linux-x86-64.so.2 in `dirs`.
bool ReadHostGlibc(const std::vector<std::string>& dirs,
                   std::map<std::string, std::vector<std::string>>* host, std::string* err);

struct GlibcLowering {
  // "pthread_create@GLIBC_2.34 -> GLIBC_2.2.5", "stat@GLIBC_2.33 -> the stub's"
  std::vector<std::string> lowered;
  std::vector<std::string> blockers;  // "__cxa_thread_atexit_impl@GLIBC_2.18" (none at or below)
  std::string floor;                  // the newest glibc version still needed ("" none)
  std::string floor_symbol;           // a symbol needing it: "pthread_create@GLIBC_2.34"
  bool changed = false;               // `bytes` were rewritten
};

// The newest GLIBC_x.y the ELF in `bytes` needs, and a symbol that needs it.
bool GlibcNeed(const std::string& bytes, std::string* version, std::string* symbol, std::string* err);

// Rewrites `bytes` (a shared object) to need nothing above `in.floor` where
// it can. Untouched when it needs nothing above the floor. Blockers are
// reported, not errors; `err` is for an ELF that cannot be read or written.
bool LowerGlibcNeeds(const GlibcLoweringInputs& in, std::string* bytes, GlibcLowering* out,
                     std::string* err);

}  // namespace freezer
