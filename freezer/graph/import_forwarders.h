// Import forwarders: functions that pass their first argument straight to
// importlib.import_module or __import__ (test.support's
// import_deprecated(name), a plugin loader's load(name)). A call of one with
// a constant ("asyncore") imports that module as surely as import_module
// would, but the name reaches the import only through the function's
// parameter. The scanner records every call with a module-shaped constant
// first argument (ImportRef::via); these pick out the ones that call a
// forwarder the caller can see.
#pragma once

#include <Python.h>

#include <map>
#include <string>
#include <vector>

namespace freezer {

struct Module;

// The names of the functions in `code` (nested ones included) that forward
// their first parameter (the one after self/cls in a method) to
// import_module/__import__.
void ScanImportForwarders(PyObject* code, std::vector<std::string>* out);

// For each module, the indices of its `via` refs not in `done` whose callee
// is a forwarder that the module itself or a module it imports defines;
// each one returned is added to `done`.
std::map<std::string, std::vector<size_t>> ForwardedImports(const std::map<std::string, Module>& modules,
                                                            std::map<std::string, std::vector<bool>>* done);

}  // namespace freezer
