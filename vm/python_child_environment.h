// Which PYTHON* variables a python child (vm/python_child.h) honours. The
// app ignores the PYTHON* variables it was started with (as `python -E`
// would, unless --allow-env names them), so whoever started it cannot
// steer its interpreter. A python child the app starts honours, as
// python3.11 would, exactly the PYTHON* variables the app set or changed
// for it (`subprocess.run([sys.executable, ...], env={..., "PYTHONUTF8":
// "1"})`, `os.environ["PYTHONWARNINGS"] = ...`) and those --allow-env
// names; the ones it only inherited unchanged from outside are taken out
// of the child's environment before its interpreter starts. The parent
// names the trusted ones next to the child key (vm/child_key.h); the
// child trusts nothing else. docs/security.md, "Python children". No
// CPython here.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace vm {

// The PYTHON* entries ("NAME=VALUE") of environ now whose names are in
// neither `trusted` (what the parent named) nor `allow_env`: what this
// process got from outside and ignores. Taken at start, before any
// Python runs.
std::set<std::string> InheritedPythonEntries(const std::vector<std::string>& trusted,
                                             const std::vector<std::string>& allow_env);

// For a child's environment (entries "NAME=VALUE"): the names of its
// PYTHON* variables that are not among `inherited` with the same value,
// sorted, once each.
std::vector<std::string> TrustedPythonNames(const std::vector<std::string_view>& child_env,
                                            const std::set<std::string>& inherited);

// Takes every PYTHON* entry whose name is not in `trusted` out of environ
// (a python child, before its interpreter reads the environment).
void RemoveUntrustedPythonVariables(const std::vector<std::string>& trusted);

}  // namespace vm
