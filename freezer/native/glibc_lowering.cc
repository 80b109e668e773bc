#include "freezer/native/glibc_lowering.h"

#include <algorithm>
#include <cstring>

#include "freezer/disk.h"
#include "freezer/native/elf_file.h"
#include "freezer/native/symbol_versions.h"

namespace freezer {

namespace {

// Newer versions that are the same function as an older one (a need at
// `from` may be answered by an older version of the same name). Only these:
// glibc gives a function a new version mostly when its ABI or behaviour
// changes, so a version not listed here is never lowered.
struct SameFunction {
  const char* from;
  std::vector<const char*> names;  // empty: every name at `from` but the exceptions below
  const char* why;
};
const SameFunction kSameFunction[] = {
    {"GLIBC_2.34", {},
     "libpthread, libdl, libutil, librt, libanl (and part of libresolv) merged into libc: "
     "each function got a GLIBC_2.34 version in libc, the old ones still exported, the same code"},
    {"GLIBC_2.32",
     {"pthread_sigmask", "pthread_getattr_np", "pthread_getaffinity_np", "pthread_attr_setaffinity_np"},
     "moved from libpthread into libc in 2.32, unchanged"},
    {"GLIBC_2.32", {"exp10f"}, "rewritten without the SVID error wrapper"},
    {"GLIBC_2.29", {"exp", "exp2", "log", "log2", "pow"},
     "rewritten without the SVID error wrapper: the old version is the same function behind a "
     "wrapper that, in POSIX mode (the only one since 2.27), sets errno and returns as the new one"},
    {"GLIBC_2.27", {"expf", "exp2f", "logf", "log2f", "powf"}, "as exp/log/pow in 2.29"},
    {"GLIBC_2.35", {"hypot", "hypotf"}, "as exp/log/pow in 2.29"},
};

// Never lowered, although an older version of the name exists: a different
// function. (Old versions older than the floors the freezer accepts, 2.17,
// are listed too, so the table stays right if the floor ever goes lower.)
struct DifferentAbi {
  const char* name;
  const char* version;  // this version (of a need, or a candidate target) is different
  const char* why;
};
const DifferentAbi kDifferentAbi[] = {
    {"__libc_start_main", "GLIBC_2.34", "2.34 runs the executable's initialisers itself"},
    {"glob", "GLIBC_2.27", "2.27 changed GLOB_ALTDIRFUNC's use of gl_lstat"},
    {"glob64", "GLIBC_2.27", "as glob"},
    {"fmemopen", "GLIBC_2.22", "2.22 is POSIX fmemopen; 2.2.5 handles binary mode and size differently"},
    {"quick_exit", "GLIBC_2.24", "2.24 runs only the handlers of at_quick_exit's own module (C++)"},
    {"lgamma", "GLIBC_2.23", "2.23 sets the caller's signgam (ISO C); 2.2.5 glibc's own"},
    {"lgammaf", "GLIBC_2.23", "as lgamma"},
    {"lgammal", "GLIBC_2.23", "as lgamma"},
    // Old targets with another ABI: the newest version at or below 2.17 is never these.
    {"pthread_cond_init", "GLIBC_2.2.5", "LinuxThreads' condition variable; 2.3.2 is NPTL's"},
    {"pthread_cond_destroy", "GLIBC_2.2.5", "LinuxThreads'"},
    {"pthread_cond_wait", "GLIBC_2.2.5", "LinuxThreads'"},
    {"pthread_cond_timedwait", "GLIBC_2.2.5", "LinuxThreads'"},
    {"pthread_cond_signal", "GLIBC_2.2.5", "LinuxThreads'"},
    {"pthread_cond_broadcast", "GLIBC_2.2.5", "LinuxThreads'"},
    {"memcpy", "GLIBC_2.2.5", "memmove's semantics; 2.14 is memcpy"},
    {"sched_setaffinity", "GLIBC_2.3.3", "no cpusetsize argument; 2.3.4 has it"},
    {"sched_getaffinity", "GLIBC_2.3.3", "no cpusetsize argument"},
    {"pthread_setaffinity_np", "GLIBC_2.3.3", "no cpusetsize argument"},
    {"pthread_getaffinity_np", "GLIBC_2.3.3", "no cpusetsize argument"},
    {"pthread_attr_setaffinity_np", "GLIBC_2.3.3", "no cpusetsize argument"},
    {"pthread_attr_getaffinity_np", "GLIBC_2.3.3", "no cpusetsize argument"},
    {"timer_create", "GLIBC_2.2.5", "timer_t was an int; 2.3.3 is today's"},
    {"regexec", "GLIBC_2.2.5", "no REG_STARTEND; 2.3.4 is today's"},
    {"realpath", "GLIBC_2.2.5", "no NULL buffer; 2.3 is today's"},
    {"posix_spawn", "GLIBC_2.2.5", "2.15 reports exec failures"},
    {"posix_spawnp", "GLIBC_2.2.5", "as posix_spawn"},
};

bool IsDifferent(const std::string& name, const std::string& version) {
  for (const DifferentAbi& d : kDifferentAbi)
    if (name == d.name && version == d.version) return true;
  return false;
}

bool SameFunctionAtOlderVersions(const std::string& name, const std::string& version) {
  if (IsDifferent(name, version)) return false;
  for (const SameFunction& s : kSameFunction) {
    if (version != s.from) continue;
    if (s.names.empty()) return true;
    for (const char* n : s.names)
      if (name == n) return true;
  }
  return false;
}

bool IsGlibcVersion(const std::string& v) { return v.rfind("GLIBC_2.", 0) == 0; }

bool Above(const std::string& version, const std::string& floor) {
  return IsGlibcVersion(version) && GlibcVersionLess(floor, version);
}

void NoteNewest(const std::string& version, const std::string& symbol, std::string* newest,
                std::string* newest_symbol) {
  if (!IsGlibcVersion(version)) return;
  if (newest->empty() || GlibcVersionLess(*newest, version)) {
    *newest = version;
    *newest_symbol = symbol + "@" + version;
  }
}

}  // namespace

bool ReadHostGlibc(const std::vector<std::string>& dirs,
                   std::map<std::string, std::vector<std::string>>* host, std::string* err) {
  host->clear();
  bool found_libc = false;
  for (const char* lib : {"libc.so.6", "libm.so.6", "libpthread.so.0", "libdl.so.2", "librt.so.1",
                          "libutil.so.1", "ld-linux-x86-64.so.2"}) {
    for (const auto& dir : dirs) {
      std::string path = JoinPath(dir, lib), bytes;
      RealDisk disk;
      if (disk.Stat(path).type != FileInfo::Type::kFile) continue;
      SymbolVersions v;
      if (!disk.ReadFile(path, &bytes, err)) return false;
      if (!v.Parse(bytes, err)) {
        *err = path + ": " + *err;
        return false;
      }
      for (const auto& [name, versions] : v.definitions())
        for (const auto& ver : versions)
          if (IsGlibcVersion(ver)) (*host)[name].push_back(ver);
      found_libc = found_libc || strcmp(lib, "libc.so.6") == 0;
      break;
    }
  }
  if (!found_libc) {
    *err = "libc.so.6 not found in the system's library directories";
    return false;
  }
  return true;
}

bool GlibcNeed(const std::string& bytes, std::string* version, std::string* symbol, std::string* err) {
  SymbolVersions v;
  version->clear();
  symbol->clear();
  if (!v.Parse(bytes, err)) return false;
  for (const VersionNeed& n : v.needs()) NoteNewest(n.version, n.symbol, version, symbol);
  return true;
}

bool LowerGlibcNeeds(const GlibcLoweringInputs& in, std::string* bytes, GlibcLowering* out,
                     std::string* err) {
  *out = GlibcLowering{};
  SymbolVersions v;
  if (!v.Parse(*bytes, err)) return false;
  // Per need: the version it will ask for ("" none).
  std::vector<std::string> after;
  for (size_t i = 0; i < v.needs().size(); ++i) {
    const VersionNeed& n = v.needs()[i];
    after.push_back(n.version);
    if (!Above(n.version, in.floor)) continue;
    const std::string need = n.symbol + "@" + n.version;
    if (in.stub_exports.count(n.symbol)) {
      v.Retarget(i, "");
      after.back() = "";
      out->lowered.push_back(need + " -> the stub's " + n.symbol);
      continue;
    }
    std::string target;
    if (!n.object && SameFunctionAtOlderVersions(n.symbol, n.version)) {
      auto host = in.host.find(n.symbol);
      if (host != in.host.end())
        for (const auto& old : host->second)
          if (!Above(old, in.floor) && !IsDifferent(n.symbol, old) &&
              (target.empty() || GlibcVersionLess(target, old)))
            target = old;
    }
    if (target.empty()) {
      out->blockers.push_back(need);
      continue;
    }
    v.Retarget(i, target);
    after.back() = target;
    out->lowered.push_back(need + " -> " + target);
  }
  if (!out->lowered.empty()) {
    std::vector<std::string> unversioned;
    if (!v.Write(bytes, &unversioned, err)) return false;
    out->changed = true;
    // No room for the old version's name: it asks for none and binds to the
    // default version, the same function (SameFunction).
    for (const auto& name : unversioned)
      for (size_t i = 0; i < v.needs().size(); ++i)
        if (v.needs()[i].symbol == name) after[i] = "";
    for (auto& line : out->lowered)
      for (const auto& name : unversioned)
        if (line.rfind(name + "@", 0) == 0) line += " (no room for its name: unversioned)";
  }
  for (size_t i = 0; i < v.needs().size(); ++i)
    NoteNewest(after[i], v.needs()[i].symbol, &out->floor, &out->floor_symbol);
  return true;
}

}  // namespace freezer
