#include "vm/config_values.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>

namespace vm {

bool HasXOption(const std::vector<std::string>& xoptions, std::string_view key) {
  for (const std::string& x : xoptions) {
    std::string_view v = x;
    if (v == key || (v.size() > key.size() && v.substr(0, key.size()) == key && v[key.size()] == '='))
      return true;
  }
  return false;
}

int Utf8ModeFromXOptions(const std::vector<std::string>& xoptions) {
  int mode = -1;
  for (const std::string& x : xoptions) {
    if (x == "utf8" || x == "utf8=1") mode = 1;
    if (x == "utf8=0") mode = 0;
  }
  return mode;
}

std::map<std::string, std::string> AllowedValues(const std::vector<std::string>& allow_env) {
  std::map<std::string, std::string> values;
  for (const std::string& name : allow_env) {
    const char* v = getenv(name.c_str());
    if (v && *v) values[name] = v;
  }
  return values;
}

int EnvFlagLevel(const std::string& value) {
  char* end = nullptr;
  errno = 0;
  long n = strtol(value.c_str(), &end, 10);
  return (*end || errno || n < 0 || n > INT_MAX) ? 1 : static_cast<int>(n);
}

namespace {

// The value of `name`, or nullptr when it is not allowed or unset.
const std::string* Value(const std::map<std::string, std::string>& values, const char* name) {
  auto it = values.find(name);
  return it == values.end() ? nullptr : &it->second;
}

bool ParseHashSeed(const std::string& v, AllowedEnvironment* env, std::string* err) {
  if (v == "random") return true;
  char* end = nullptr;
  errno = 0;
  unsigned long seed = strtoul(v.c_str(), &end, 10);
  if (*end || seed > 4294967295UL || errno == ERANGE) {
    *err = "PYTHONHASHSEED must be \"random\" or an integer in range [0; 4294967295]";
    return false;
  }
  env->use_hash_seed = true;
  env->hash_seed = seed;
  return true;
}

bool ParseTracemalloc(const std::string& v, AllowedEnvironment* env, std::string* err) {
  char* end = nullptr;
  errno = 0;
  long n = strtol(v.c_str(), &end, 10);
  if (*end || errno || n < 0 || n > INT_MAX) {
    *err = "PYTHONTRACEMALLOC: invalid number of frames";
    return false;
  }
  env->tracemalloc = static_cast<int>(n);
  return true;
}

void ParseIoEncoding(const std::string& v, AllowedEnvironment* env) {
  std::string encoding = v, errors;
  if (size_t colon = v.find(':'); colon != std::string::npos) {
    encoding = v.substr(0, colon);
    errors = v.substr(colon + 1);
  }
  if (!encoding.empty() && errors.empty()) errors = "strict";
  env->stdio_encoding = encoding;
  env->stdio_errors = errors;
}

// Comma-separated; empty items are skipped.
std::vector<std::string> SplitWarnings(const std::string& v) {
  std::vector<std::string> items;
  size_t start = 0;
  while (start <= v.size()) {
    size_t end = v.find(',', start);
    if (end == std::string::npos) end = v.size();
    if (end > start) items.push_back(v.substr(start, end - start));
    start = end + 1;
  }
  return items;
}

}  // namespace

bool ParseAllowedEnvironment(const std::map<std::string, std::string>& values,
                             const std::vector<std::string>& xoptions, AllowedEnvironment* env,
                             std::string* err) {
  *env = AllowedEnvironment{};
  if (const std::string* v = Value(values, "PYTHONUTF8"); v && !HasXOption(xoptions, "utf8")) {
    if (*v == "1") env->utf8_mode = 1;
    else if (*v == "0") env->utf8_mode = 0;
    else {
      *err = "invalid PYTHONUTF8 environment variable value";
      return false;
    }
  }
  env->dev_mode = Value(values, "PYTHONDEVMODE") != nullptr;
  if (const std::string* v = Value(values, "PYTHONVERBOSE")) env->verbose = EnvFlagLevel(*v);
  if (const std::string* v = Value(values, "PYTHONUNBUFFERED")) env->unbuffered = EnvFlagLevel(*v);
  env->faulthandler = Value(values, "PYTHONFAULTHANDLER") != nullptr;
  env->import_time = Value(values, "PYTHONPROFILEIMPORTTIME") != nullptr;
  env->no_debug_ranges = Value(values, "PYTHONNODEBUGRANGES") != nullptr;
  env->warn_default_encoding = Value(values, "PYTHONWARNDEFAULTENCODING") != nullptr;
  if (const std::string* v = Value(values, "PYTHONHASHSEED"); v && !ParseHashSeed(*v, env, err))
    return false;
  if (const std::string* v = Value(values, "PYTHONTRACEMALLOC");
      v && !HasXOption(xoptions, "tracemalloc") && !ParseTracemalloc(*v, env, err))
    return false;
  if (const std::string* v = Value(values, "PYTHONIOENCODING")) ParseIoEncoding(*v, env);
  if (const std::string* v = Value(values, "PYTHONWARNINGS")) env->warnings = SplitWarnings(*v);
  return true;
}

}  // namespace vm
