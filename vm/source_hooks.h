// With bundled sources (--include-source), every place python prints source
// lines must find them. CPython's C printers (sys.excepthook, the unraisable
// hook, threading's excepthook) read sources from disk only, and linecache
// without module globals (warnings) does too. These hooks route all of them
// through the payload importer's get_source; their Python side is the
// bundled _freezer_source_hooks module (vm/support/).
#pragma once

#include <Python.h>

#include <string>

namespace vm {

// sys.excepthook and sys.unraisablehook printing through `traceback`.
bool InstallSourceHooks(std::string* err);

// Called after the importer executes a module: registers its source lazily
// with linecache (once linecache exists), and swaps threading's excepthook
// when `threading` itself was just run.
void AfterModuleExec(const std::string& name, PyObject* module, PyObject* importer);

}  // namespace vm
