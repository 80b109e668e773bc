// Whether a command line is python's: `app -c CODE`, `app -m MOD`, `app -I
// script.py`, `app -`, ... as programs write them for sys.executable. Only
// asked for a process this app started (the child key, vm/child_key.h):
// such a process then runs as python3.11 would with those options
// (vm/python_child.h). Anything else stays the app's own argv, so a frozen
// program re-running itself with its own arguments (`[sys.executable,
// "serve"]`, the PyInstaller convention) keeps working. No CPython here:
// python_command_line_test.cc covers the shapes.
#pragma once

#include <string>
#include <vector>

namespace vm {

// True when argv[1] is python's: an option cluster of python's short
// options (`-c`, `-m`, `-I`, `-X`, `-W`, `-u`, `-OO`, `-Esc`, ...), one of
// its long options (`--version`, `--help`, `--check-hash-based-pycs`,
// ...), `-` (the script on stdin), or a script: a path ending in .py, .pyc,
// .pyw, .pyz or .zip, or a directory `is_main_dir` says holds __main__.py.
// `app` alone (no argument) is the app's, as is `--` or any other word.
bool IsPythonCommandLine(const std::vector<std::string>& argv,
                         bool (*is_main_dir)(const std::string& path));

// The file system's answer for IsPythonCommandLine: `path` is a directory
// holding __main__.py or __main__.pyc.
bool IsDirectoryWithMain(const std::string& path);

}  // namespace vm
