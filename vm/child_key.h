// The key that makes a process one of this app's multiprocessing children.
// A command line multiprocessing writes (vm/child_command_line.h) is run
// as a child only when the environment also holds the key: the app makes
// one per top-level start, hands it to every process multiprocessing starts
// (vm/support/_freezer_multiprocessing.py) and takes it out of the
// environment before any Python runs, so user code, and programs it starts,
// never see it. Whoever only chooses argv and stdin (a sudo rule, a service
// passing user arguments) cannot make the app a child; whoever chooses the
// whole environment is the app's parent (docs/security.md, "Child
// processes"). No CPython here.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vm {

// The environment variable; never visible to user code.
inline constexpr std::string_view kChildKeyVariable = "_FREEZER_CHILD_KEY";

// Removes every kChildKeyVariable entry from environ, wiping its bytes (so
// /proc/self/environ does not show it either), and returns the key of the
// first value when it is well-formed, else "". The value is the key, then
// for a python child optionally ":" and the comma-separated names of the
// PYTHON* variables its parent set for it (vm/python_child_environment.h),
// returned in `trusted_names` (only with a well-formed key; names that are
// not PYTHON[A-Z0-9_]* are dropped). No system call.
std::string TakeChildKey(std::vector<std::string>* trusted_names = nullptr);

// The variable's value for a child: the key, and the names when there are.
std::string ChildKeyValue(const std::string& key, const std::vector<std::string>& trusted_names);

// PYTHON followed by capitals, digits and underscores only.
bool IsPythonVariableName(std::string_view name);

// 32 random hex digits (getrandom); "" when the kernel gives no randomness.
std::string NewChildKey();

// 32 lowercase hex digits: what NewChildKey makes.
bool IsWellFormedChildKey(std::string_view key);

}  // namespace vm
