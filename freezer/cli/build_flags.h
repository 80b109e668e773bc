// The one table of `freezer build`'s options: each row is the flag, its
// [tool.freezer] key, its value name, help group and help, the default that
// `freezer init` writes, and the BuildOptions field it sets. The command
// line (SetupBuild, `freezer why`), --help, pyproject.toml and `freezer
// init` are all driven by it: a new option is one row here (plus, for a
// run-time option, a boot-manifest field).
#pragma once

#include <string>
#include <vector>

#include "freezer/build_options.h"

namespace CLI {
class App;
}

namespace freezer {

struct BuildFlag {
  enum class Type {
    kEntry,     // [tool.freezer] entry only: SCRIPT, MODULE, MODULE:FUNCTION or a script name
    kString,    // one string
    kPath,      // a path (in pyproject.toml: relative to the file)
    kStrings,   // repeatable
    kPaths,     // repeatable paths
    kAddData,   // repeatable SRC:DEST (SRC is a path)
    kBool,      // a switch
    kOptimize,  // 0, 1 or 2
  };
  const char* flags;     // CLI11 names ("-o,--output", "script"); "" for a key with no flag
  const char* key;       // [tool.freezer] key; "" for flags of one invocation
  Type type;
  const char* value;     // --help's value name ("FILE"); "" for switches
  const char* group;     // --help's group
  const char* help;      // --help's line
  const char* example;   // the commented default `freezer init` writes ("[]", "false")
  const char* key_help;  // `freezer init`'s comment on the key
  bool why = false;      // `freezer why SCRIPT` takes it too (how modules are found)
  std::string BuildOptions::*text = nullptr;
  std::vector<std::string> BuildOptions::*list = nullptr;
  bool BuildOptions::*flag_value = nullptr;
  int BuildOptions::*number = nullptr;

  // "--output" for "-o,--output"; "script" for a positional.
  std::string Name() const;
};

const std::vector<BuildFlag>& BuildFlags();

// The options that shape the app, as flags with their values, for the
// report (BuildOptions::shown_options): what was set (on the command line or
// in pyproject.toml) and differs from the default; not where the output,
// stub, cache and reports go, nor -q/-v. Paths under `cwd` are shown
// relative to it.
std::vector<std::pair<std::string, std::string>> ShownOptions(const BuildOptions& options,
                                                              const std::string& cwd);

// Declares the table's flags on `cmd`, bound to `options`; with `why_only`,
// just the rows `freezer why` takes.
void AddBuildFlags(CLI::App* cmd, BuildOptions* options, bool why_only = false);

}  // namespace freezer
