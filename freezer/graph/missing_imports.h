// The imports a build could not find, grouped the way people read them: one
// entry per missing module, classed by its most serious import: top-level
// (the import and every import on a chain from the entry to its module run
// at start-up: a failure ends the program), delayed (a function, or a module
// found by discovery, comes between: it fails when that code runs), guarded
// (under a handler of ImportError, itself or on every chain: the program
// goes on without it); with
// the modules other platforms' code asks for set apart, and whether the
// program's own code is among the importers.
#pragma once

#include <string>
#include <vector>

#include "freezer/graph/module_graph.h"

namespace freezer {

struct MissingModule {
  enum class Class { kTopLevel, kDelayed, kGuarded, kOtherPlatform };
  std::string name;
  Class cls = Class::kGuarded;
  // The imports of its class (the first is what a warning names), then the
  // others.
  std::vector<MissingImport> imports;
  size_t count = 0;      // imports of its class
  size_t importers = 0;  // distinct modules making those
  bool own_code = false; // an unguarded import of it is in the program's own code
};

const char* MissingClassName(MissingModule::Class c);  // "top-level", "delayed", ...


// A module only another platform or Python has (msvcrt, _winapi, winreg,
// _scproxy, java, urllib2, __builtin__...): its imports in libraries are
// dead code on Linux.
bool IsOtherPlatformModule(const std::string& name);

// What would add a missing module, for the report ("" when nothing needs
// fixing: a guarded import, another platform's module). `cls` is a
// MissingClassName; `found` the module's file on the search path ("" when
// it is on none).
inline constexpr char kExcludedClass[] = "excluded";  // by --exclude-module (the report's class)
std::string MissingFix(const std::string& name, const std::string& cls, const std::string& found);

// Top-level modules first, then delayed, guarded and other platforms'; the
// program's own first within a class, then by name.
std::vector<MissingModule> GroupMissing(const ModuleGraph& graph);

}  // namespace freezer
