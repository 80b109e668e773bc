#include "vm/allowed_environment.h"

#include <Python.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <vector>

#include "archive/boot_manifest.h"

namespace vm {

namespace {

// The value of an allowed variable; nullptr when not allowed, unset or
// empty (python's _Py_GetEnv treats an empty value as unset).
const char* Allowed(const payload::BootManifest& m, const char* name) {
  for (const auto& a : m.allow_env) {
    if (a != name) continue;
    const char* v = getenv(name);
    return v && *v ? v : nullptr;
  }
  return nullptr;
}

bool HasXOption(const payload::BootManifest& m, const std::string& key) {
  for (const auto& x : m.xoptions)
    if (x == key || x.rfind(key + "=", 0) == 0) return true;
  return false;
}

// python's _Py_get_env_flag: an integer >= 0 is the level, anything else
// (text, negative) counts as 1; the flag only ever goes up.
void EnvFlag(const payload::BootManifest& m, const char* name, int* flag) {
  const char* v = Allowed(m, name);
  if (!v) return;
  char* end = nullptr;
  errno = 0;
  long n = strtol(v, &end, 10);
  int value = (*end || errno || n < 0 || n > INT_MAX) ? 1 : static_cast<int>(n);
  if (*flag < value) *flag = value;
}

bool Check(PyStatus st, std::string* err) {
  if (!PyStatus_Exception(st)) return true;
  *err = st.err_msg ? st.err_msg : "unknown error";
  return false;
}

bool SetString(PyConfig* c, wchar_t** field, const std::string& v, std::string* err) {
  return Check(PyConfig_SetBytesString(c, field, v.c_str()), err);
}

}  // namespace

bool ApplyAllowedPreEnvironment(const payload::BootManifest& m, PyPreConfig* pre,
                                std::string* err) {
  // -X utf8 wins over PYTHONUTF8, as in python.
  if (const char* v = Allowed(m, "PYTHONUTF8"); v && !HasXOption(m, "utf8")) {
    if (strcmp(v, "1") == 0) pre->utf8_mode = 1;
    else if (strcmp(v, "0") == 0) pre->utf8_mode = 0;
    else {
      *err = "invalid PYTHONUTF8 environment variable value";
      return false;
    }
  }
  if (Allowed(m, "PYTHONDEVMODE")) pre->dev_mode = 1;
  return true;
}

bool ApplyAllowedEnvironment(const payload::BootManifest& m, PyConfig* c, std::string* err) {
  EnvFlag(m, "PYTHONVERBOSE", &c->verbose);
  int unbuffered = 0;
  EnvFlag(m, "PYTHONUNBUFFERED", &unbuffered);
  if (unbuffered) c->buffered_stdio = 0;
  if (Allowed(m, "PYTHONDEVMODE")) c->dev_mode = 1;
  if (Allowed(m, "PYTHONFAULTHANDLER")) c->faulthandler = 1;
  if (Allowed(m, "PYTHONPROFILEIMPORTTIME")) c->import_time = 1;
  if (Allowed(m, "PYTHONNODEBUGRANGES")) c->code_debug_ranges = 0;
  if (Allowed(m, "PYTHONWARNDEFAULTENCODING")) c->warn_default_encoding = 1;

  if (const char* v = Allowed(m, "PYTHONHASHSEED"); v && strcmp(v, "random") != 0) {
    char* end = nullptr;
    errno = 0;
    unsigned long seed = strtoul(v, &end, 10);
    if (*end || seed > 4294967295UL || errno == ERANGE) {
      *err = "PYTHONHASHSEED must be \"random\" or an integer in range [0; 4294967295]";
      return false;
    }
    c->use_hash_seed = 1;
    c->hash_seed = seed;
  }

  // -X tracemalloc wins over PYTHONTRACEMALLOC.
  if (const char* v = Allowed(m, "PYTHONTRACEMALLOC"); v && !HasXOption(m, "tracemalloc")) {
    char* end = nullptr;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (*end || errno || n < 0 || n > INT_MAX) {
      *err = "PYTHONTRACEMALLOC: invalid number of frames";
      return false;
    }
    c->tracemalloc = static_cast<int>(n);
  }

  // "encoding[:errors]"; an encoding without errors means strict.
  if (const char* v = Allowed(m, "PYTHONIOENCODING")) {
    std::string s = v, enc = s, errors;
    bool has_errors = false;
    if (size_t colon = s.find(':'); colon != std::string::npos) {
      enc = s.substr(0, colon);
      errors = s.substr(colon + 1);
      has_errors = !errors.empty();
    }
    if (!enc.empty()) {
      if (!SetString(c, &c->stdio_encoding, enc, err)) return false;
      if (!has_errors) errors = "strict", has_errors = true;
    }
    if (has_errors && !SetString(c, &c->stdio_errors, errors, err)) return false;
  }

  // sys.warnoptions as python builds it: "default" for dev mode, then
  // PYTHONWARNINGS (comma-separated, empty items skipped), then -W, each
  // option kept once (its first place).
  std::vector<std::wstring> items;
  if (c->dev_mode > 0) items.emplace_back(L"default");
  if (const char* v = Allowed(m, "PYTHONWARNINGS")) {
    std::string s = v;
    size_t start = 0;
    while (start <= s.size()) {
      size_t end = s.find(',', start);
      if (end == std::string::npos) end = s.size();
      if (end > start) {
        wchar_t* w = Py_DecodeLocale(s.substr(start, end - start).c_str(), nullptr);
        if (!w) {
          *err = "cannot decode PYTHONWARNINGS";
          return false;
        }
        items.emplace_back(w);
        PyMem_RawFree(w);
      }
      start = end + 1;
    }
  }
  for (Py_ssize_t i = 0; i < c->warnoptions.length; ++i) items.emplace_back(c->warnoptions.items[i]);
  std::vector<const wchar_t*> unique;
  for (const auto& w : items) {
    bool seen = false;
    for (const wchar_t* u : unique) seen = seen || w == u;
    if (!seen) unique.push_back(w.c_str());
  }
  if (!Check(PyConfig_SetWideStringList(c, &c->warnoptions, static_cast<Py_ssize_t>(unique.size()),
                                         const_cast<wchar_t**>(unique.data())), err))
    return false;
  return true;
}

}  // namespace vm
