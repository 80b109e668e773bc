// The command lines multiprocessing starts its helper processes with, using
// sys.executable (the app). The app runs them instead of its entry, so spawn
// and forkserver work as under python. Only these exact shapes are
// recognised: any other argv is the app's own, never parsed as options.
#pragma once

#include <Python.h>

#include <string>
#include <vector>

#include "archive/boot_manifest.h"

namespace vm {

struct ChildCommand {
  enum class Kind {
    kNone,             // the app's own command line
    kSpawn,            // spawn_main(...): a spawned Process or Pool worker
    kResourceTracker,  // multiprocessing.resource_tracker main(fd)
    kForkServer,       // multiprocessing.forkserver main(...)
  };
  Kind kind = Kind::kNone;
  // Python code to run in __main__ (a statement checked against the shape
  // multiprocessing writes; the forkserver's literals go through
  // ast.literal_eval, never through eval).
  std::string code;
  std::vector<std::string> argv;  // sys.argv python would give the child
};

// Pure (no CPython): argv as the process got it.
ChildCommand RecogniseChildCommand(const std::vector<std::string>& argv);

// sys.argv decoded, or empty when an argument is not valid UTF-8.
std::vector<std::string> CurrentArgv();

// Runs the command in __main__ with spawn taught to re-run the app's
// bundled script as __mp_main__ (the script is not a file on disk).
// Returns like PyEval_EvalCode.
PyObject* RunChildCommand(const ChildCommand& command, const payload::BootManifest& m,
                          const std::string& app_path);

}  // namespace vm
