// What one `freezer build` is asked to do: a plain struct, filled from the
// command line and pyproject.toml by freezer/cli/ (the table of flags and
// keys: freezer/cli/build_flags.cc) and read by the build (freezer/build.h).
// Each field says its default and its effect.
#pragma once

#include <string>
#include <vector>

#include "freezer/project_metadata.h"
#include "freezer/rules/package_rule.h"

namespace freezer {

struct BuildOptions {
  // --- entry: exactly one of the three ---
  std::string script;    // SCRIPT: run as __main__, like `python3.11 SCRIPT`
  std::string module;    // -m MODULE: run as __main__, like `python3.11 -m MODULE`
  std::string function;  // --entry MODULE:FUNCTION: call it, exit with its result

  // --- output ---
  std::string output;  // -o; default: output_dir/NAME (DefaultAppName)
  // The app's name when the entry is a [project.scripts] name (set from
  // pyproject.toml); else the script's stem or the entry's top-level package.
  std::string app_name;
  // Where the default output goes: "dist" (of the project's directory when
  // built from a pyproject.toml).
  std::string output_dir = "dist";
  std::string stub;    // --stub; default: the stub installed beside the freezer

  // --- finding modules ---
  std::vector<std::string> paths;  // --path: searched after the script's directory; default none
  std::string venv;                // --venv: its site-packages searched after --path; default none

  // --- what is bundled ---
  std::vector<std::string> hidden_imports;    // --hidden-import: bundled though nothing imports them
  std::vector<std::string> excludes;          // --exclude-module: never bundled, nor their submodules
  std::vector<std::string> include_packages;  // --include-package: with every module below them
  // --include-distribution NAME: every top-level package of an installed
  // distribution, with every module below them (and so its metadata).
  std::vector<std::string> include_distributions;
  std::vector<std::string> add_data;          // --add-data SRC:DEST: files bundled under DEST
  std::vector<std::string> extract_packages;  // --extract-package: on disk at run time (__file__ there)
  bool include_source = false;  // --include-source: sources bundled; tracebacks show lines
  // --strict: an unconditional import not found, or a bundled module that
  // does not compile, fails the build (without: a warning).
  bool strict = false;
  // --force: --exclude-module leaves a module out even when a top-level
  // import on the start-up path needs it (without: an error).
  bool force = false;

  // --- package rules (docs/package-rules.md) ---
  // The shipped rules (beside the stub) always apply where their package is bundled.
  std::vector<std::string> rule_dirs;      // --rules DIR: its *.toml over the shipped rules; default none
  std::vector<std::string> without_rules;  // --without-rule NAME: that rule is not used; default none
  std::vector<PackageRule> project_rules;  // [tool.freezer.rules.NAME] in pyproject.toml, over both

  // --- the project (pyproject.toml's [project]) ---
  ProjectMetadata project;  // bundled as its .dist-info unless installed; default none

  // --glibc-floor X.Y: bundled libraries' and extensions' needs of newer
  // glibc symbol versions are lowered to it where the same function exists
  // at an older version or the stub exports a polyfill, and the build fails
  // naming what cannot be. Default "": the stub's own floor (2.17), and what
  // cannot be lowered is a warning (the app's floor is then higher).
  std::string glibc_floor;

  // --native-load cache|memory: where the app loads its native code from.
  // "" or "cache" (the default): the shared per-user cache, each file written
  // once by its SHA-256 and mapped by every process from there, memfds when
  // no cache can be had; "memory": memfds only, nothing written to disk.
  std::string native_load;

  // --- bytecode and size ---
  std::string cache_dir;    // --cache-dir; default $XDG_CACHE_HOME/freezer (~/.cache/freezer)
  bool no_cache = false;    // --no-cache: compile in memory, read and write no cache
  bool hash_based = false;  // --hash-based: cache validated by source hash, not mtime+size
  bool compress = false;    // --compress: deflate entries (smaller, imports slightly slower)
  // --store-bytecode: every module's bytecode stored uncompressed. Default:
  // what start-up imports is stored, the rest (imported only in functions,
  // or found by discovery) zstd-compressed.
  bool store_bytecode = false;
  int optimize = 0;         // --optimize 0|1|2: like python -O / -OO

  // --- baked into the app (run time) ---
  bool unbuffered = false;             // --unbuffered: like python -u
  // --no-child-modes: the app never runs as a multiprocessing child; every
  // argv is its own (for apps that start no child processes).
  bool no_child_modes = false;
  // --no-python-children: sys.executable never runs as a Python for the
  // app's own children (`app -c CODE` is the app's argv there too).
  bool no_python_children = false;
  std::vector<std::string> xoptions;   // --xoption K[=V]: like python -X
  std::vector<std::string> warnings;   // --warnings SPEC: like python -W
  std::vector<std::string> allow_env;  // --allow-env PYTHONxxx: honoured at run time; default none
  // --debug-imports: the app runs as python -v and says where each module
  // came from (PyInstaller's --debug=imports); no variable to set.
  bool debug_imports = false;

  // --- reports and messages ---
  std::string report;               // --report FILE.json: the module graph; default none
  bool check_reproducible = false;  // --check-reproducible: build again without cache, compare
  bool quiet = false;               // -q: only warnings and errors
  bool verbose = false;             // -v: every module with why, every optional import not found
  // The options that shaped the app, as flags ("--hidden-import", "x"):
  // stored in the app for the report. Set by the command line from its flag
  // table (freezer/cli/build_flags.h); none given, none shown.
  std::vector<std::pair<std::string, std::string>> shown_options;
};

}  // namespace freezer
