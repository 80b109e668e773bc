// The app as sys.path's one entry, as a zip app is: sys.path == [<app>]
// (code reads sys.path[0]: pytest's "prepend" import mode), served by the
// payload importer. It is sys.path_importer_cache[<app>] and answers a path
// hook ahead of zipimport's, for the app and for every path inside it (a
// package's __path__), so PathFinder never makes a zipimporter (or a
// FileFinder) of the app: nothing is imported from the app but through the
// payload importer, which also lists its modules for pkgutil.
#pragma once

#include <Python.h>

#include <string>
#include <string_view>

#include "vm/app.h"

namespace vm {

// After main initialisation (zipimport's path hook is installed then):
// sys.path_importer_cache[sys.path[0]] and sys.path_hooks[0].
bool InstallPathEntry(App* app, std::string* err);

// Before main initialisation, for a python child whose `site` runs then:
// sys.path_importer_cache[<app>] is the payload importer already, so
// PathFinder never builds a zipimporter of the app. False if it could not.
bool PrimePathEntry(App* app);

// importer.iter_modules(prefix=''): pkgutil's protocol for a path entry
// finder, the payload's top-level modules as (prefix + name, is_package),
// sorted by name, as pkgutil lists a directory on sys.path.
PyObject* IterModules(PyObject* self, PyObject* args, PyObject* kwargs);

// What iter_modules returns for the modules directly in `package` ("a.b";
// "" for the top level) of the payload served by `importer`; nullptr with
// an exception set.
PyObject* ListPayloadModules(PyObject* importer, std::string_view package, const std::string& prefix);

}  // namespace vm
