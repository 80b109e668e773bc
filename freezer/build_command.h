// `freezer build`: script (or module) in, one self-contained executable out.
#pragma once

#include <CLI/CLI.hpp>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace freezer {

struct BuildOptions {
  std::string script;            // entry script (or -m / --entry instead)
  std::string module;            // -m: run a module as __main__
  std::string function;          // --entry module:function
  std::string output;            // -o; default: the script's name without .py
  std::string stub;              // --stub; default: found beside the freezer
  std::vector<std::string> paths;             // --path: searched after the script's dir
  std::string venv;                           // --venv: its site-packages follow --path
  std::vector<std::string> hidden_imports;    // --hidden-import
  std::vector<std::string> excludes;          // --exclude-module
  std::vector<std::string> include_packages;  // --include-package
  std::vector<std::string> add_data;          // --add-data SRC:DEST
  std::vector<std::string> extract_packages;  // --extract-package P
  std::string cache_dir;         // --cache-dir; default $XDG_CACHE_HOME/freezer
  bool no_cache = false;         // --no-cache
  bool hash_based = false;       // --hash-based: cache validated by source hash
  bool include_source = false;   // --include-source
  bool compress = false;         // --compress: deflate entries
  bool strict = false;           // --strict: unconditional missing imports are errors
  int optimize = 0;              // --optimize 0|1|2
  bool unbuffered = false;       // --unbuffered (python -u)
  std::vector<std::string> xoptions;  // --xoption (python -X)
  std::vector<std::string> warnings;  // --warnings (python -W)
  std::vector<std::string> allow_env;  // --allow-env PYTHONxxx honoured at run time
  std::string report;            // --report FILE.json: the module graph
  bool check_reproducible = false;  // --check-reproducible: build twice, compare
  bool quiet = false;            // -q
  bool verbose = false;          // -v
};

std::shared_ptr<BuildOptions> SetupBuild(CLI::App& app);
int RunBuild(const BuildOptions& options);

struct ImportChains;
// The scan pass of a build alone (for `freezer why`): the import graph of
// the program `options` describe, and each module's file.
bool ScanProgram(const BuildOptions& options, ImportChains* chains,
                 std::map<std::string, std::string>* origins, std::string* err);

}  // namespace freezer
