// `freezer build --allow-env PYTHONxxx`: the few PYTHON* variables an app
// may choose to honour. The stub stays isolated (use_environment = 0) and
// reads exactly these itself, applying each as python's initconfig does.
// This header needs no CPython: the freezer checks names with it.
#pragma once

#include <string>
#include <string_view>

struct PyConfig;
struct PyPreConfig;

namespace payload {
struct BootManifest;
}

namespace vm {

// Empty when `name` can be allowed; otherwise why not (for the build error).
inline std::string AllowEnvProblem(std::string_view name) {
  static constexpr std::string_view kSupported[] = {
      "PYTHONHASHSEED", "PYTHONUNBUFFERED", "PYTHONWARNINGS", "PYTHONIOENCODING",
      "PYTHONFAULTHANDLER", "PYTHONTRACEMALLOC", "PYTHONPROFILEIMPORTTIME", "PYTHONDEVMODE",
      "PYTHONUTF8", "PYTHONNODEBUGRANGES", "PYTHONWARNDEFAULTENCODING", "PYTHONVERBOSE"};
  for (std::string_view s : kSupported)
    if (name == s) return "";
  if (name == "PYTHONPATH" || name == "PYTHONHOME" || name == "PYTHONPLATLIBDIR" ||
      name == "PYTHONUSERBASE" || name == "PYTHONSTARTUP")
    return "the payload is the only source of modules";
  if (name == "PYTHONOPTIMIZE") return "bytecode is compiled at build time: use --optimize";
  std::string list;
  for (std::string_view s : kSupported) list += (list.empty() ? "" : ", ") + std::string(s);
  return "not one of the supported variables (" + list + ")";
}

// Pre-configuration part (PYTHONUTF8, PYTHONDEVMODE), before Py_PreInitialize.
bool ApplyAllowedPreEnvironment(const payload::BootManifest& m, PyPreConfig* pre,
                                std::string* err);

// Everything else, after the baked options are set and before
// Py_InitializeFromConfig. PYTHONWARNINGS entries go before --warnings ones,
// as python orders PYTHONWARNINGS before -W.
bool ApplyAllowedEnvironment(const payload::BootManifest& m, PyConfig* config,
                             std::string* err);

}  // namespace vm
