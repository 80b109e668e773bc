// Runs the app's entry the way python's own main does, and turns the outcome
// into the process's exit status: SystemExit as python handles it, a
// traceback and status 1 for an uncaught exception, death by SIGINT for an
// uncaught KeyboardInterrupt.
#pragma once

#include "vm/app.h"

namespace vm {

// What python's site would have set up and the bundle needs: exit()/quit()
// builtins, and with bundled sources a traceback printer that shows them.
void PrepareRuntime(const App& app);

// Runs the entry, finalises the interpreter and returns the exit status (or
// does not return: SystemExit exits from inside CPython, as in python).
int RunEntryAndFinalize(App& app);

}  // namespace vm
