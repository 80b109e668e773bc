// sys.executable as a Python for the app's own children. A process this
// app started (it holds the child key, vm/child_key.h) whose command line
// is python's (vm/python_command_line.h) runs as python3.11 would with
// those options: CPython parses them itself (parse_argv, as Modules/main.c
// does) and Py_RunMain runs -c, -m, the script or stdin, importing from the
// payload. The key reaches those children through the one place subprocess
// and multiprocessing start programs, _posixsubprocess.fork_exec, wrapped
// here when `subprocess` is imported (a preexec_fn with env=None puts it in
// the environment it leaves), and through os.posix_spawn, os.posix_spawnp,
// os.execv and os.execve (so os.spawnv*, os.execvp*), wrapped at start:
// only for children that exec the app's own file. docs/boot-sequence.md ("Python children"), docs/security.md.
#pragma once

#include <Python.h>

#include "vm/app.h"

namespace vm {

// Before the interpreter exists: whether this process is such a child
// (the key kept, the app built with neither --no-python-children nor
// --no-child-modes, argv
// python's and not one of multiprocessing's helper command lines, which
// vm/child_process_modes.h runs).
bool IsPythonChild(const App& app, int argc, char** argv);

// Called when `subprocess` has been executed: children that run the app get
// the key (made now when this process has none). False with a Python error.
bool AfterSubprocess(App& app, PyObject* subprocess);

// At start: os.posix_spawn, os.posix_spawnp, os.execv and os.execve pass
// the key to children that run the app (they bypass fork_exec). Should wrapping fail, they stay
// as they are (such children are then not python children); no error.
void InstallSpawnWrappers(App& app);

// Runs the child as python's main would (Py_RunMain) and finalises;
// returns the exit status.
int RunPythonChild(App& app);

}  // namespace vm
