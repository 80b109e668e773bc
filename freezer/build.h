// `freezer build` without its command line: the passes that turn a program
// into one executable, run over one context (after mold's driver). The CLI
// (freezer/cli/build_command.cc) fills BuildOptions and shows BuildStatus;
// tests run whole builds on an in-memory Disk.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "freezer/build_options.h"
#include "freezer/build_status.h"
#include "freezer/graph/import_chains.h"
#include "freezer/rules/package_rule.h"

namespace freezer {

class Disk;

// Builds the app `options` describe, reading and writing through `disk`.
// On failure `err` says what and why, and no output was written (nor an old
// one touched).
bool Build(const BuildOptions& options, Disk* disk, BuildStatus* status, BuildResult* result,
           std::string* err);

// The scan pass alone (for `freezer why` and `freezer rules`).
struct ProgramScan {
  ImportChains chains;                           // the program's import graph
  std::map<std::string, std::string> origins;    // module -> its file
  std::vector<PackageRule> rules;                // every rule known to the build
  std::vector<std::string> rules_applied;        // names, in the order they applied
  std::vector<std::string> rules_not_applied;    // "NAME: why" (version ranges)
  std::vector<std::string> search_path;          // where modules were looked for, in order
};
bool ScanProgram(const BuildOptions& options, Disk* disk, ProgramScan* scan, std::string* err);

// The package rules a build with `options` would know (shipped beside the
// stub, --rules, [tool.freezer.rules]), without scanning anything.
bool KnownRules(const BuildOptions& options, Disk* disk, std::vector<PackageRule>* rules, std::string* err);

}  // namespace freezer
