// Running the helper processes multiprocessing starts with sys.executable
// (the app) instead of the app's entry, so spawn and forkserver work as
// under python (their command lines: vm/child_command_line.h).
#pragma once

#include <Python.h>

#include <string>
#include <vector>

#include "vm/app.h"
#include "vm/child_command_line.h"

namespace vm {

// sys.argv decoded, or empty when an argument is not valid UTF-8.
std::vector<std::string> CurrentArgv();

// Runs the command in __main__ with spawn taught to re-run the app's
// bundled script as __mp_main__ (the script is not a file on disk).
// Returns like PyEval_EvalCode.
PyObject* RunChildCommand(App& app, const ChildCommand& command);

// Called when multiprocessing.util has been executed: every process
// multiprocessing starts with sys.executable gets the child key (made now
// when this process has none). False with a Python error set.
bool AfterMultiprocessingUtil(App& app, PyObject* util);

}  // namespace vm
