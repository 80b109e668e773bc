// Plugins found through entry points: a distribution declares, in its
// entry_points.txt, modules that another package loads by group name at run
// time (flake8's checkers in "flake8.extension", markdown's extensions in
// "markdown.extensions", pytest's plugins in "pytest11"). No import names
// them; the group name is a string constant in the code that queries it
// (importlib.metadata.entry_points(group=...), pkg_resources'
// iter_entry_points, pluggy's load_setuptools_entrypoints).
#pragma once

#include <string>

#include "freezer/graph/module_graph.h"

namespace freezer {

// For every group that bundled third-party or program code names in a string
// constant, bundles the target module of each installed distribution's entry
// point in that group (and so that distribution's metadata), until nothing
// new turns up. Targets that cannot be found are left out quietly: the
// plugin would fail to load under python3.11 too. Launcher groups
// (console_scripts, gui_scripts) and setuptools' build hooks
// (distutils.commands, setuptools.*, ...) are never followed.
bool AddQueriedEntryPoints(ModuleGraph* graph, std::string* err);

}  // namespace freezer
