#include "vm/python_child_environment.h"

#include <algorithm>

#include "vm/child_key.h"

extern char** environ;

namespace vm {

namespace {

// The name of a PYTHON* entry, "" for any other entry.
std::string_view PythonName(std::string_view entry) {
  size_t eq = entry.find('=');
  if (eq == std::string_view::npos) return {};
  std::string_view name = entry.substr(0, eq);
  return IsPythonVariableName(name) ? name : std::string_view();
}

bool Contains(const std::vector<std::string>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

std::set<std::string> InheritedPythonEntries(const std::vector<std::string>& trusted,
                                             const std::vector<std::string>& allow_env) {
  std::set<std::string> out;
  for (char** e = environ; e && *e; ++e) {
    std::string_view name = PythonName(*e);
    if (!name.empty() && !Contains(trusted, name) && !Contains(allow_env, name)) out.insert(*e);
  }
  return out;
}

std::vector<std::string> TrustedPythonNames(const std::vector<std::string_view>& child_env,
                                            const std::set<std::string>& inherited) {
  std::vector<std::string> names;
  for (std::string_view entry : child_env) {
    std::string_view name = PythonName(entry);
    if (name.empty() || inherited.count(std::string(entry))) continue;
    if (!Contains(names, name)) names.emplace_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

void RemoveUntrustedPythonVariables(const std::vector<std::string>& trusted) {
  if (!environ) return;
  char** out = environ;
  for (char** e = environ; *e; ++e) {
    std::string_view name = PythonName(*e);
    if (!name.empty() && !Contains(trusted, name)) continue;
    *out++ = *e;
  }
  *out = nullptr;
}

}  // namespace vm
