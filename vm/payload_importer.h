// The importer that serves every non-built-in module from the payload: a
// meta path finder and loader written against CPython's C API. Lookups are
// binary searches in the mapped index; no path is searched and no file is
// opened (extension modules: vm/extension_loading.h; importlib.resources
// and importlib.metadata views: vm/payload_views.h).
#pragma once

#include <Python.h>

#include <string>

#include "vm/app.h"

namespace vm {

// Creates the importer serving `app` (app->importer) and appends it to
// sys.meta_path (core phase: before PathFinder is added, so it ends up
// ahead of it).
bool InstallPayloadImporter(App* app, std::string* err);

// The app an importer object serves: `self` of the importer's methods.
App& ImporterApp(PyObject* importer);

// Where module `name`'s files appear to live: the app's path, or the
// directory of its package on disk (--extract-package, data next to
// __file__), written at the first call. "" with a Python error.
std::string ModuleBase(App& app, std::string_view name);

// A new reference to the code object of a bundled module, its co_filename
// set to `filename`; fatal (damaged payload) when the entry does not check out.
PyObject* BundledModuleCode(App& app, const char* module_name, const std::string& filename);

}  // namespace vm
