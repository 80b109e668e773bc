// The ".freezer/boot" member: how the stub starts the interpreter and what it
// runs. Written by the freezer, read by the stub before CPython starts, so it
// is plain "key=value" lines (no CPython needed to parse it).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "archive/member_paths.h"  // kBootManifestPath

namespace payload {

struct BootManifest {
  enum class EntryKind { kScript, kModule, kFunction };

  EntryKind entry_kind = EntryKind::kScript;
  // kScript: the script's file name, used for __main__.__file__ as
  // "<app>/<script_name>"; its code is the module entry "__main__".
  std::string script_name;
  // kModule: module run as __main__ (like python -m). kFunction: "mod:func".
  std::string entry_target;

  // Sources are bundled: tracebacks show source lines (through the loader).
  bool sources = false;
  bool unbuffered = false;             // like python -u
  // multiprocessing's command lines are run as children of this app (given
  // the child key, vm/child_key.h); false (--no-child-modes): every argv is
  // the app's own.
  bool child_modes = true;
  // A process the app started with python's command line runs as python
  // would (given the child key, vm/python_child.h); false
  // (--no-python-children): every argv is the app's own.
  bool python_children = true;
  int optimize = 0;                    // like -O/-OO: sys.flags.optimize
  std::vector<std::string> xoptions;   // like -X
  std::vector<std::string> warnings;   // like -W
  std::vector<std::string> allow_env;  // PYTHON* variables honoured at run time
  // --debug-imports: python's -v (sys.flags.verbose 1) with no variable set,
  // and the payload importer says where it served each module from.
  bool trace_imports = false;
  // Packages whose files are extracted to the private cache when imported,
  // __file__ pointing there (code that opens files next to __file__).
  std::vector<std::string> extract_packages;
  // Package rules: payload directories (or files) written to the private
  // cache's files directory at start, before any user code, for code that
  // opens them by path ("zoneinfo/tzdata").
  std::vector<std::string> on_disk;
  // --extract-package of a top-level directory added with --add-data (no
  // package): it is in `on_disk`, and the entry script's and the top-level
  // modules' __file__ are in that files directory too, so
  // os.path.dirname(__file__) + "/assets" is the written directory.
  bool files_root = false;
  // Package rules: "NAME=VALUE" set at start when NAME is not already set;
  // "{files}" in VALUE is that files directory (kOnDiskFilesPlaceholder).
  std::vector<std::string> environment;
  // Package rules' `libraries`: archive paths of shared libraries loaded at
  // start, in order (what each needs first), so that code that later
  // dlopens one by soname ("libmagic.so.1") gets the bundled library.
  std::vector<std::string> load_libraries;
  // Archive paths of data files that were executable where the freezer
  // read them (a helper script or binary a package runs by path): written
  // to disk with their execute bits (IsExecutableDataFile).
  std::vector<std::string> executable_files;
};

// Whether data file `archive_path` is written to disk executable.
bool IsExecutableDataFile(const BootManifest& m, std::string_view archive_path);

// What an environment value of a package rule writes for the directory of
// the app's on-disk files.
inline constexpr const char kOnDiskFilesPlaceholder[] = "{files}";

std::string SerializeBootManifest(const BootManifest& m);
// Rejects unknown keys and malformed values (a damaged payload).
bool ParseBootManifest(const std::string& text, BootManifest* m,
                       std::string* err);

}  // namespace payload
