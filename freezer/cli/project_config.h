// [tool.freezer] in pyproject.toml: the build options kept with the project,
// so `freezer build` alone, in the project's directory, builds it. Flags
// given on the command line win over the file. The keys are rows of the
// build flag table (freezer/cli/build_flags.h).
#pragma once

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "freezer/build_options.h"

namespace CLI {
class App;
}

namespace freezer {

class Disk;

inline constexpr const char* kProjectFile = "pyproject.toml";

// Reads [tool.freezer] of `text` (the contents of `path`, which names the
// file in messages and anchors its relative paths) into `options`, except
// the keys whose flag is in `given` ("--output", "script", ...). `found` is
// false when the file has no [tool.freezer]. Errors read
// "pyproject.toml:12: unknown key 'tool.freezer.hiden-imports'".
bool ReadProjectConfig(const std::string& path, const std::string& text,
                       const std::set<std::string>& given, BuildOptions* options,
                       bool* found, std::string* err);

// The flags (and positionals) given to `cmd`: "--output", "script", ...
std::set<std::string> GivenOptions(const CLI::App& cmd);

// The pyproject.toml a build in the current directory uses: the one here,
// else the nearest in a parent directory (not above a directory holding
// .git); "" when none.
std::string FindProjectFile(Disk* disk);

// [project.scripts] of `text`: (name, "module:function"), in file order.
std::vector<std::pair<std::string, std::string>> ProjectScripts(const std::string& text);

// For `freezer build` (and `why`, `rules`): the project's pyproject.toml
// (FindProjectFile), under the flags `given` (GivenOptions). Its entry is
// [tool.freezer]'s, else its only [project.scripts] script; `--entry NAME`
// may name one. An entry from the file builds to the project's dist/, with
// its src/ searched when there is one. With `need_entry`, fails, saying what
// to do, when neither the flags nor the file name an entry.
bool ApplyProjectConfig(const std::set<std::string>& given, BuildOptions* options, std::string* err,
                        bool need_entry = true);

// Line number (1-based) of the "[tool.freezer]" table in `text`; 0 when the
// file has none (or is not TOML: then `err` says why).
int FindToolFreezer(const std::string& path, const std::string& text, std::string* err);

}  // namespace freezer
