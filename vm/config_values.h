// What the baked -X options and the allowed PYTHON* variables ask of the
// interpreter, parsed as python's command line and initconfig parse them.
// No CPython here (config_values_test.cc); interpreter_config.cc and
// allowed_environment.cc put the results into PyPreConfig and PyConfig.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace vm {

// -X `key` or -X key=value is among `xoptions`.
bool HasXOption(const std::vector<std::string>& xoptions, std::string_view key);

// UTF-8 mode as -X utf8 / -X utf8=0 set it (the last wins); -1 when no
// option says (the locale decides, as in python).
int Utf8ModeFromXOptions(const std::vector<std::string>& xoptions);

// The values of the variables in `allow_env` that are set and not empty
// (python's _Py_GetEnv treats an empty value as unset). Reads the
// environment; nothing else here does.
std::map<std::string, std::string> AllowedValues(const std::vector<std::string>& allow_env);

// What the allowed variables ask for; "unset" values change nothing.
struct AllowedEnvironment {
  int utf8_mode = -1;      // PYTHONUTF8: 0 or 1; -1 unset (or an -X utf8 wins)
  bool dev_mode = false;   // PYTHONDEVMODE
  int verbose = -1;        // PYTHONVERBOSE level; -1 unset
  int unbuffered = -1;     // PYTHONUNBUFFERED level; -1 unset
  bool faulthandler = false;           // PYTHONFAULTHANDLER
  bool import_time = false;            // PYTHONPROFILEIMPORTTIME
  bool no_debug_ranges = false;        // PYTHONNODEBUGRANGES
  bool warn_default_encoding = false;  // PYTHONWARNDEFAULTENCODING
  bool use_hash_seed = false;          // PYTHONHASHSEED=N (not "random")
  unsigned long hash_seed = 0;
  int tracemalloc = -1;  // PYTHONTRACEMALLOC frames; -1 unset (or -X tracemalloc wins)
  // PYTHONIOENCODING=encoding[:errors]: each empty when not given; an
  // encoding without errors means strict.
  std::string stdio_encoding, stdio_errors;
  std::vector<std::string> warnings;  // PYTHONWARNINGS items, empty ones skipped
};

// Parses `values` (from AllowedValues) as python's initconfig does; -X
// utf8 and -X tracemalloc among `xoptions` win over their variables. A
// value python refuses is an error with python's message.
bool ParseAllowedEnvironment(const std::map<std::string, std::string>& values,
                             const std::vector<std::string>& xoptions, AllowedEnvironment* env,
                             std::string* err);

// python's _Py_get_env_flag: an integer >= 0 is the level, anything else
// (text, negative, too large) counts as 1.
int EnvFlagLevel(const std::string& value);

}  // namespace vm
