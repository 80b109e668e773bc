// Imports no import statement shows, which the module graph adds to what
// the bytecode scan finds: what C modules import from C, what extension
// binaries name (C, Cython, cffi, mypyc), registries of module names in
// strings, names the standard library computes from the interpreter; and
// which edges of the import system itself are never followed.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "freezer/disk.h"
#include "freezer/graph/distributions.h"
#include "freezer/graph/module_graph.h"

namespace freezer {

// The C-level imports of builtin and extension modules of the standard
// library (time -> _strptime, _socket -> encodings.idna, ...).
void AddImplicitImports(const std::string& name, Module* m);

// Probes for the modules a third-party extension's binary names
// (`names_in_binary`: ModuleNamesInBinary of its file).
void AddNativeImports(Disk* disk, const Distributions& dists, const std::vector<std::string>& names_in_binary,
                      const std::string& name, Module* m);

// Probes for the modules a module's string constants name: a third-party
// module's in its own package, two levels down or more; the program's, any.
void AddNamedModules(const std::vector<std::string>& strings, Module* m);

// Whether `target`, named after "-m" in `importer` (its file at `path`), is
// followed (ImportRef::child_main): from the program's code always; from a
// library, within its own top-level package or the standard library.
bool FollowsChildMain(const std::string& importer, const std::string& path, const std::string& target);

// sysconfig -> its _sysconfigdata module, named from the interpreter.
void AddComputedImports(const std::string& name, Module* m);

// Module names a directory offers: "x" for x.py, x/, x.<extension suffix>.
std::set<std::string> ModulesInDir(Disk* disk, const std::string& dir);

// sys.stdlib_module_names has `top`.
bool IsStdlibName(const std::string& top);

// Function-level imports of the import system itself that cannot run in an app.
bool IsLazyEdge(const std::string& importer, const std::string& imported);

}  // namespace freezer
