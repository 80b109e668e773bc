// Extension modules from the payload, for the payload importer's
// create_module and exec_module: the bundled shared libraries an extension
// needs are loaded first (the native manifest's order), then the extension
// itself by CPython's own loader from where the native loader put it (a
// memfd, or a private file), its __file__ then set to its path in the app.
#pragma once

#include <Python.h>

#include <string>

#include "vm/app.h"

namespace vm {

// _imp's two halves of loading an extension, and the SimpleNamespace type
// the spec handed to create_dynamic is made of; looked up once.
struct ExtensionFunctions {
  PyObject* create_dynamic = nullptr;  // _imp.create_dynamic
  PyObject* exec_dynamic = nullptr;    // _imp.exec_dynamic
  PyObject* namespace_type = nullptr;  // types.SimpleNamespace
};

// False with an exception set when one cannot be found.
bool LookUpExtensionFunctions(ExtensionFunctions* functions);

// create_module(spec) for module `name`, payload entry `index`: a new
// module, or nullptr with ImportError set.
PyObject* CreateExtensionModule(App& app, const ExtensionFunctions& functions, PyObject* spec,
                                long index, const std::string& name);

// _imp.create_dynamic wrapped so that an ExtensionFileLoader that code
// makes itself for an extension's path inside the app loads the payload's
// image, as python's loads the file (`functions` hold the original).
void InstallAppPathExtensionLoading(App& app, const ExtensionFunctions& functions);

// exec_module(module) for an extension: None, or nullptr with an exception.
PyObject* ExecExtensionModule(const ExtensionFunctions& functions, PyObject* module);

}  // namespace vm
