// [tool.freezer] in pyproject.toml: the build options kept with the project,
// so `freezer build` alone, in the project's directory, builds it. Flags
// given on the command line win over the file. The keys are rows of the
// build flag table (freezer/cli/build_flags.h).
#pragma once

#include <set>
#include <string>
#include <vector>

#include "freezer/build_options.h"

namespace CLI {
class App;
}

namespace freezer {

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

// For `freezer build` (and `why`, `rules`): pyproject.toml in the current
// directory, when there is one, under the flags `given` (GivenOptions).
// With `need_entry`, fails, saying what to do, when neither the flags nor the
// file name an entry.
bool ApplyProjectConfig(const std::set<std::string>& given, BuildOptions* options, std::string* err,
                        bool need_entry = true);

// Line number (1-based) of the "[tool.freezer]" table in `text`; 0 when the
// file has none (or is not TOML: then `err` says why).
int FindToolFreezer(const std::string& path, const std::string& text, std::string* err);

}  // namespace freezer
