// `freezer build --allow-env PYTHONxxx`: which PYTHON* variables an app may
// choose to honour at run time, when the stub applies each, and why the
// others are refused. The freezer checks names against this table at build
// time; the stub (vm/allowed_environment.cc) applies the allowed ones. Data
// only: no CPython here.
#pragma once

#include <string>
#include <string_view>

namespace payload {

struct EnvironmentRule {
  enum class Phase {
    kPreConfig,  // read before Py_PreInitialize (UTF-8 mode, dev mode)
    kConfig,     // read into PyConfig before Py_InitializeFromConfig
    kRefused,    // never honoured: `refused` says why
  };
  std::string_view name;
  Phase phase;
  std::string_view refused;  // the build error's reason, for kRefused
};

inline constexpr EnvironmentRule kEnvironmentRules[] = {
    {"PYTHONUTF8", EnvironmentRule::Phase::kPreConfig, ""},
    {"PYTHONDEVMODE", EnvironmentRule::Phase::kPreConfig, ""},
    {"PYTHONHASHSEED", EnvironmentRule::Phase::kConfig, ""},
    {"PYTHONUNBUFFERED", EnvironmentRule::Phase::kConfig, ""},
    {"PYTHONWARNINGS", EnvironmentRule::Phase::kConfig, ""},
    {"PYTHONIOENCODING", EnvironmentRule::Phase::kConfig, ""},
    {"PYTHONFAULTHANDLER", EnvironmentRule::Phase::kConfig, ""},
    {"PYTHONTRACEMALLOC", EnvironmentRule::Phase::kConfig, ""},
    {"PYTHONPROFILEIMPORTTIME", EnvironmentRule::Phase::kConfig, ""},
    {"PYTHONNODEBUGRANGES", EnvironmentRule::Phase::kConfig, ""},
    {"PYTHONWARNDEFAULTENCODING", EnvironmentRule::Phase::kConfig, ""},
    {"PYTHONVERBOSE", EnvironmentRule::Phase::kConfig, ""},
    {"PYTHONPATH", EnvironmentRule::Phase::kRefused, "the payload is the only source of modules"},
    {"PYTHONHOME", EnvironmentRule::Phase::kRefused, "the payload is the only source of modules"},
    {"PYTHONPLATLIBDIR", EnvironmentRule::Phase::kRefused, "the payload is the only source of modules"},
    {"PYTHONUSERBASE", EnvironmentRule::Phase::kRefused, "the payload is the only source of modules"},
    {"PYTHONSTARTUP", EnvironmentRule::Phase::kRefused, "the payload is the only source of modules"},
    {"PYTHONOPTIMIZE", EnvironmentRule::Phase::kRefused,
     "bytecode is compiled at build time: use --optimize"},
};

// Empty when `name` can be allowed; otherwise why not (for the build error).
inline std::string AllowEnvProblem(std::string_view name) {
  std::string supported;
  for (const EnvironmentRule& r : kEnvironmentRules) {
    if (r.name == name)
      return r.phase == EnvironmentRule::Phase::kRefused ? std::string(r.refused) : "";
    if (r.phase != EnvironmentRule::Phase::kRefused)
      supported += (supported.empty() ? "" : ", ") + std::string(r.name);
  }
  return "not one of the supported variables (" + supported + ")";
}

}  // namespace payload
