// `freezer build` without its command line: the passes that turn a program
// into one executable, run over one context (after mold's driver). The CLI
// (freezer/cli/build_command.cc) fills BuildOptions and shows BuildStatus;
// tests run whole builds on an in-memory Disk.
#pragma once

#include <map>
#include <string>

#include "freezer/build_options.h"
#include "freezer/build_status.h"

namespace freezer {

class Disk;
struct ImportChains;

// Builds the app `options` describe, reading and writing through `disk`.
// On failure `err` says what and why, and no output was written (nor an old
// one touched).
bool Build(const BuildOptions& options, Disk* disk, BuildStatus* status, BuildResult* result,
           std::string* err);

// The scan pass alone (for `freezer why`): the import graph of the program
// `options` describe, and each module's file.
bool ScanProgram(const BuildOptions& options, Disk* disk, ImportChains* chains,
                 std::map<std::string, std::string>* origins, std::string* err);

}  // namespace freezer
