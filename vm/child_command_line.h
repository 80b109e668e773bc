// The command lines multiprocessing starts its helper processes with, using
// sys.executable (the app), recognised so the app can run them instead of
// its entry (vm/child_process_modes.h). Only these exact shapes are
// recognised: any other argv is the app's own, never parsed as options.
// No CPython here: child_command_line_test.cc covers every shape.
#pragma once

#include <string>
#include <vector>

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

// `argv` as the process got it.
ChildCommand RecogniseChildCommand(const std::vector<std::string>& argv);

}  // namespace vm
