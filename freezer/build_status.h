// What a build tells its caller while it works (after ninja's status.h): the
// passes as they start and finish, warnings, details for -v, and the result.
// The build decides what to say; an implementation decides how to show it
// (freezer/cli/progress.h: a line replaced in place on a terminal).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace freezer {

// A top-level package (or module) of the app by its size, and the import
// that pulled it in (freezer/package_sizes.h).
struct PackageSize {
  std::string name;
  uint64_t bytes = 0;  // modules, sources, extensions, data, shared libraries its extensions need
  // The import that pulled it in, on the surest chain from the entry:
  // `importer` imports `imported` (the package or a module in it); both
  // empty for a root, with `root_reason` why.
  std::string importer, imported, root_reason;
  std::string how;  // that chain: "required" (at start-up), "delayed" or "guarded"
  // Optional ones: the import on that chain that makes it optional (the
  // first in a function or guarded), when it is not `importer`'s; empty
  // when the chain starts at a root that is not the entry.
  std::string optional_importer, optional_imported;
};

// What was written, for the summary.
struct BuildResult {
  std::string output;
  uint64_t size = 0;
  size_t modules = 0;     // Python modules (packages included)
  size_t packages = 0;
  size_t extensions = 0;
  size_t shared_libraries = 0;
  size_t data_files = 0;  // package data and --add-data files (not the freezer's own members)
  std::string glibc_floor;       // "GLIBC_2.34"; empty when nothing needs one
  std::string glibc_floor_file;  // the file that needs it
  std::string glibc_floor_symbol;  // a symbol of it that does ("stat@GLIBC_2.33")
  // Packages whose files are written to disk at run time because their code
  // reads __file__ and they carry data (beside --extract-package).
  std::vector<std::string> auto_extracted;
  // Package rules that applied (their package is bundled), by name.
  std::vector<std::string> rules_applied;
  std::vector<std::string> rules_not_applied;  // "NAME: why" for rules whose version range excludes the package
  std::vector<PackageSize> largest_packages;  // the five largest, largest first
  // Each pass of the build (freezer/build.cc's table) and its wall time in
  // seconds, in order: the --report's "phases" (never stored in the app,
  // which would then differ from build to build).
  std::vector<std::pair<std::string, double>> phases;
};

class BuildStatus {
 public:
  virtual ~BuildStatus() = default;
  // A pass with a name ("scan", "collect", ...) begins.
  virtual void PassStarted(const std::string& name) = 0;
  // It ended well; `summary` says what it did ("scan: 12 modules, ...").
  virtual void PassFinished(const std::string& name, const std::string& summary) = 0;
  // Something the user should fix or know (a missing import, an unwritable cache).
  virtual void Warning(const std::string& message) = 0;
  // A warning about third-party code only (a library's missing import, an
  // extension's library): -q leaves these out, not the program's own.
  virtual void LibraryWarning(const std::string& message) { Warning(message); }
  // Details for -v only (every module and why it is bundled); the build
  // computes them only when Verbose() is true.
  virtual bool Verbose() const = 0;
  virtual void Detail(const std::string& message) = 0;
  // The app is written.
  virtual void Finished(const BuildResult& result) = 0;
};

// Says nothing: for builds nobody watches (the --check-reproducible rebuild,
// `freezer why`'s scan).
class SilentBuildStatus : public BuildStatus {
 public:
  void PassStarted(const std::string&) override {}
  void PassFinished(const std::string&, const std::string&) override {}
  void Warning(const std::string&) override {}
  bool Verbose() const override { return false; }
  void Detail(const std::string&) override {}
  void Finished(const BuildResult&) override {}
};

}  // namespace freezer
