// The Python modules from vm/support/ that the freezer adds to an app, the
// run-time side of the stub's own features (archive/member_paths.h names
// them). Each goes only into apps that use its feature, so the others keep
// python's start-up and size; once added, its imports are followed like any
// module's.
#pragma once

#include <string>

#include "freezer/graph/module_graph.h"

namespace freezer {

// After the program's modules are in `graph`, adds:
//  - the error printers showing bundled sources, with --include-source;
//  - what multiprocessing's helper processes run, when multiprocessing.spawn
//    is bundled (the stub runs them only then);
//  - the payload's importlib.resources/metadata views, when either of those
//    is bundled (last: the others' imports may bring them).
bool AddSupportModules(ModuleGraph* graph, bool include_source, std::string* err);

}  // namespace freezer
