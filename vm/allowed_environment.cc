#include "vm/allowed_environment.h"

#include <Python.h>

#include <vector>

namespace vm {

namespace {

bool Check(PyStatus st, std::string* err) {
  if (!PyStatus_Exception(st)) return true;
  *err = st.err_msg ? st.err_msg : "unknown error";
  return false;
}

bool SetString(PyConfig* c, wchar_t** field, const std::string& v, std::string* err) {
  return Check(PyConfig_SetBytesString(c, field, v.c_str()), err);
}

}  // namespace

void ApplyAllowedPreEnvironment(const AllowedEnvironment& env, PyPreConfig* pre) {
  if (env.utf8_mode >= 0) pre->utf8_mode = env.utf8_mode;
  if (env.dev_mode) pre->dev_mode = 1;
}

bool ApplyAllowedEnvironment(const AllowedEnvironment& env, PyConfig* c, std::string* err) {
  // Flags only ever go up, as python's _Py_get_env_flag sets them.
  if (env.verbose >= 0 && c->verbose < env.verbose) c->verbose = env.verbose;
  if (env.unbuffered > 0) c->buffered_stdio = 0;
  if (env.dev_mode) c->dev_mode = 1;
  if (env.faulthandler) c->faulthandler = 1;
  if (env.import_time) c->import_time = 1;
  if (env.no_debug_ranges) c->code_debug_ranges = 0;
  if (env.warn_default_encoding) c->warn_default_encoding = 1;
  if (env.use_hash_seed) {
    c->use_hash_seed = 1;
    c->hash_seed = env.hash_seed;
  }
  if (env.tracemalloc >= 0) c->tracemalloc = env.tracemalloc;
  if (!env.stdio_encoding.empty() && !SetString(c, &c->stdio_encoding, env.stdio_encoding, err))
    return false;
  if (!env.stdio_errors.empty() && !SetString(c, &c->stdio_errors, env.stdio_errors, err))
    return false;

  // sys.warnoptions as python builds it: "default" for dev mode, then
  // PYTHONWARNINGS (comma-separated, empty items skipped), then -W, each
  // option kept once (its first place).
  std::vector<std::wstring> items;
  if (c->dev_mode > 0) items.emplace_back(L"default");
  for (const std::string& item : env.warnings) {
    wchar_t* w = Py_DecodeLocale(item.c_str(), nullptr);
    if (!w) {
      *err = "cannot decode PYTHONWARNINGS";
      return false;
    }
    items.emplace_back(w);
    PyMem_RawFree(w);
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
