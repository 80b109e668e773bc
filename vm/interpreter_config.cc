#include "vm/interpreter_config.h"

#include <Python.h>

#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <string_view>

#include "vm/allowed_environment.h"
#include "vm/config_values.h"

namespace vm {

namespace {

// python's exit status when CPython ends the start itself (`--version`,
// `-h`, a bad option of a python child: usage on stderr, status 2).
int g_exit_status = -1;

bool Check(PyStatus status, std::string* err) {
  if (!PyStatus_Exception(status)) return true;
  if (PyStatus_IsExit(status)) {
    g_exit_status = status.exitcode;
    *err = "";
    return false;
  }
  *err = status.err_msg ? status.err_msg : "unknown error";
  if (status.func) *err = std::string(status.func) + ": " + *err;
  return false;
}

// A python child's start fails as python's does: "Fatal Python error:
// <func>: <message>", the pending exception, status 1 (Py_ExitStatusException,
// as Modules/main.c calls it). `--version` and the like still return here.
bool CheckChild(PyStatus status, std::string* err) {
  if (PyStatus_Exception(status) && !PyStatus_IsExit(status)) Py_ExitStatusException(status);
  return Check(status, err);
}

bool AppendWide(PyConfig* config, PyWideStringList* list,
                const std::string& value, std::string* err) {
  wchar_t* w = Py_DecodeLocale(value.c_str(), nullptr);
  if (!w) {
    *err = "cannot decode '" + value + "'";
    return false;
  }
  PyStatus st = PyWideStringList_Append(list, w);
  PyMem_RawFree(w);
  (void)config;
  return Check(st, err);
}

// PYTHONPATH's entries, made absolute as python's getpath makes them,
// appended to sys.path after the app's own entry (the payload's modules
// always win), unless -E or -I said to ignore the environment. After the
// main initialisation: the command line is parsed by then.
bool AppendPythonPath(std::string* err) {
  const char* value = getenv("PYTHONPATH");
  if (!value || !*value) return true;
  PyObject* flags = PySys_GetObject("flags");  // borrowed
  PyObject* ignore = flags ? PyObject_GetAttrString(flags, "ignore_environment") : nullptr;
  int ignored = ignore ? PyObject_IsTrue(ignore) : -1;
  Py_XDECREF(ignore);
  PyObject* path = PySys_GetObject("path");  // borrowed
  if (ignored != 0 || !path || !PyList_Check(path)) {
    PyErr_Clear();
    if (ignored != 0) return true;
    *err = "sys.path is not a list";
    return false;
  }
  std::string all = value, cwd;
  if (char* c = getcwd(nullptr, 0)) {
    cwd = c;
    free(c);
  }
  for (size_t start = 0; start <= all.size();) {
    size_t end = all.find(':', start);
    if (end == std::string::npos) end = all.size();
    std::string entry = all.substr(start, end - start);
    if (entry.empty() || entry[0] != '/') entry = cwd + (entry.empty() ? "" : "/" + entry);
    PyObject* item = PyUnicode_DecodeFSDefault(entry.c_str());
    if (!item || PyList_Append(path, item) != 0) {
      Py_XDECREF(item);
      *err = "cannot add PYTHONPATH to sys.path";
      return false;
    }
    Py_DECREF(item);
    start = end + 1;
  }
  return true;
}

// A python child (vm/python_child.h): python's own configuration with its
// command line parsed by CPython (Modules/main.c's rules) and the
// environment read as python reads it, holding only the PYTHON* variables
// the parent app set for it (vm/python_child_environment.h; -E and -I
// still ignore them). Kept from the app: the payload is the first source
// of modules (PYTHONPATH comes after it: AppendPythonPath; PYTHONHOME is
// not read), no user site, no path configuration files.
bool InitializeChildCore(const App& app, int argc, char** argv, std::string* err) {
  PyPreConfig pre;
  PyPreConfig_InitPythonConfig(&pre);
  pre.parse_argv = 1;
  if (!CheckChild(Py_PreInitializeFromBytesArgs(&pre, argc, argv), err)) return false;
  PyConfig config;
  PyConfig_InitPythonConfig(&config);
  config.parse_argv = 1;
  config.user_site_directory = 0;
  config.pathconfig_warnings = 0;
  config.module_search_paths_set = 1;
  config._init_main = 0;
  bool ok = Check(PyConfig_SetBytesArgv(&config, argc, argv), err);
  for (wchar_t** field : {&config.executable, &config.base_executable, &config.program_name})
    ok = ok && Check(PyConfig_SetBytesString(&config, field, app.path.c_str()), err);
  std::string app_dir = app.path.substr(0, app.path.rfind('/'));
  if (app_dir.empty()) app_dir = "/";
  for (wchar_t** field : {&config.home, &config.prefix, &config.base_prefix, &config.exec_prefix,
                          &config.base_exec_prefix})
    ok = ok && Check(PyConfig_SetBytesString(&config, field, app_dir.c_str()), err);
  ok = ok && AppendWide(&config, &config.module_search_paths, app.path, err);
  if (ok) ok = CheckChild(Py_InitializeFromConfig(&config), err);
  PyConfig_Clear(&config);
  if (ok) app.trace.Log("core initialised (python child)");
  return ok;
}

// The stdlib modules FrozenImporter loaded before sys._stdlib_dir was set
// (zipimport, codecs, abc, io, ...) have no __file__ and a None
// loader_state.filename; python gives them <stdlib>/name.py. Given here
// as FrozenImporter would have (_resolve_filename): <app>/name.py, or
// <app>/pkg/__init__.py for a package. In C: this runs on every start.
void FixUpEarlyFrozenModules(const std::string& stdlib_dir) {
  PyObject* modules = PyImport_GetModuleDict();  // borrowed
  PyObject* items = modules ? PyDict_Values(modules) : nullptr;
  for (Py_ssize_t i = 0; items && i < PyList_GET_SIZE(items); ++i) {
    PyObject* module = PyList_GET_ITEM(items, i);
    if (!PyModule_Check(module)) continue;
    PyObject* dict = PyModule_GetDict(module);                   // borrowed
    PyObject* spec = PyDict_GetItemString(dict, "__spec__");     // borrowed
    if (!spec || spec == Py_None || PyDict_GetItemString(dict, "__file__")) continue;
    PyObject* origin = PyObject_GetAttrString(spec, "origin");
    bool frozen = origin && PyUnicode_Check(origin) && PyUnicode_CompareWithASCIIString(origin, "frozen") == 0;
    Py_XDECREF(origin);
    PyObject* state = frozen ? PyObject_GetAttrString(spec, "loader_state") : nullptr;
    PyObject* filename = state && state != Py_None ? PyObject_GetAttrString(state, "filename") : nullptr;
    PyObject* origname = filename == Py_None ? PyObject_GetAttrString(state, "origname") : nullptr;
    const char* name = origname && PyUnicode_Check(origname) ? PyUnicode_AsUTF8(origname) : nullptr;
    if (name && *name && name[0] != '<') {
      PyObject* locations = PyObject_GetAttrString(spec, "submodule_search_locations");
      bool package = locations && locations != Py_None;
      Py_XDECREF(locations);
      std::string path = stdlib_dir + "/" + name;
      for (size_t k = stdlib_dir.size() + 1; k < path.size(); ++k)
        if (path[k] == '.') path[k] = '/';
      path += package ? "/__init__.py" : ".py";
      PyObject* file = PyUnicode_DecodeFSDefault(path.c_str());
      // As python: importlib._bootstrap (_frozen_importlib) gets __file__
      // only, its loader_state.filename stays None.
      bool bootstrap = strcmp(name, "importlib._bootstrap") == 0;
      if (file && (bootstrap || PyObject_SetAttrString(state, "filename", file) == 0))
        PyDict_SetItemString(dict, "__file__", file);
      Py_XDECREF(file);
    }
    Py_XDECREF(origname);
    Py_XDECREF(filename);
    Py_XDECREF(state);
    PyErr_Clear();
  }
  Py_XDECREF(items);
  PyErr_Clear();
}

}  // namespace

int StartExitStatus() { return g_exit_status; }

bool InitializeCore(const App& app, int argc, char** argv, std::string* err) {
  const payload::BootManifest& m = app.boot;
  if (app.python_child) return InitializeChildCore(app, argc, argv, err);

  // Pre-configuration: python's defaults (UTF-8 mode and C-locale coercion
  // when the locale is C/POSIX or missing) but blind to the environment.
  PyPreConfig pre;
  PyPreConfig_InitPythonConfig(&pre);
  pre.parse_argv = 0;
  pre.use_environment = 0;
  pre.isolated = 1;
  // -X utf8 is a pre-configuration setting, as in python's own command line.
  pre.utf8_mode = Utf8ModeFromXOptions(m.xoptions);
  // python's pre-command line reads -X dev from argv, which is not parsed
  // here: set it as -X dev would.
  bool dev = HasXOption(m.xoptions, "dev");
  if (dev) pre.dev_mode = 1;
  AllowedEnvironment env;  // --allow-env
  if (!ParseAllowedEnvironment(AllowedValues(m.allow_env), m.xoptions, &env, err)) return false;
  ApplyAllowedPreEnvironment(env, &pre);
  if (!Check(Py_PreInitialize(&pre), err)) return false;
  app.trace.Log("pre-initialised (utf8_mode=%d)", pre.utf8_mode);

  PyConfig config;
  PyConfig_InitPythonConfig(&config);
  config.isolated = 1;            // no PYTHON* variables, no user site, safe path
  config.use_environment = 0;
  config.user_site_directory = 0;
  config.safe_path = 1;
  config.parse_argv = 0;          // the app's argv is the app's, never python's
  config.site_import = 0;         // no site: nothing to find on disk
  config.write_bytecode = 0;      // there is no source tree to write into
  config.install_signal_handlers = 1;  // SIGINT -> KeyboardInterrupt, SIGPIPE ignored
  config.pathconfig_warnings = 0; // no "could not find platform libraries"
  config.buffered_stdio = m.unbuffered ? 0 : 1;
  config.optimization_level = m.optimize;
  if (dev) config.dev_mode = 1;  // as above: -X dev and -X warn_default_encoding
  if (HasXOption(m.xoptions, "warn_default_encoding")) config.warn_default_encoding = 1;
  // sys.path == [<app>], as for a zip app; vm/path_entry.h makes the payload
  // importer serve that entry, so PathFinder finds nothing on disk.
  config.module_search_paths_set = 1;
  config._init_main = 0;          // stop before importing encodings

  bool ok = Check(PyConfig_SetBytesArgv(&config, argc, argv), err);
  // sys.executable is the app: subprocess.run([sys.executable, ...]) starts it.
  ok = ok && Check(PyConfig_SetBytesString(&config, &config.executable,
                                           app.path.c_str()), err);
  ok = ok && Check(PyConfig_SetBytesString(&config, &config.base_executable,
                                           app.path.c_str()), err);
  ok = ok && Check(PyConfig_SetBytesString(&config, &config.program_name,
                                           app.path.c_str()), err);
  // The prefixes are given so no landmark search touches the disk.
  std::string app_dir = app.path.substr(0, app.path.rfind('/'));
  if (app_dir.empty()) app_dir = "/";
  // `home` set: getpath reads no pyvenv.cfg, no <app>._pth, no build-tree
  // markers next to the app (each could otherwise steer the interpreter).
  for (wchar_t** field : {&config.home, &config.prefix, &config.base_prefix, &config.exec_prefix,
                          &config.base_exec_prefix}) {
    ok = ok && Check(PyConfig_SetBytesString(&config, field, app_dir.c_str()), err);
  }
  ok = ok && AppendWide(&config, &config.module_search_paths, app.path, err);
  for (const auto& x : m.xoptions) ok = ok && AppendWide(&config, &config.xoptions, x, err);
  for (const auto& w : m.warnings) ok = ok && AppendWide(&config, &config.warnoptions, w, err);
  // --debug-imports: python -v with no variable to set (an allowed
  // PYTHONVERBOSE, applied next, can still raise the level).
  if (m.trace_imports) config.verbose = 1;
  ok = ok && ApplyAllowedEnvironment(env, &config, err);
  if (ok) ok = Check(Py_InitializeFromConfig(&config), err);
  PyConfig_Clear(&config);
  if (ok) app.trace.Log("core initialised");
  return ok;
}

bool InitializeMain(const App& app, std::string* err) {
  PyStatus status = _Py_InitializeMain();
  if (!(app.python_child ? CheckChild(status, err) : Check(status, err))) return false;
  // The app acts as a directory (zipimport's convention) holding the
  // standard library too: frozen stdlib modules get __file__ = <app>/os.py
  // as they get /usr/lib/python3.11/os.py under python. getpath keeps no
  // stdlib_dir that is not a directory, and main init resets it, so it is
  // set here.
  PyObject* dir = PyUnicode_DecodeFSDefault(app.path.c_str());
  bool ok = dir && PySys_SetObject("_stdlib_dir", dir) == 0;
  Py_XDECREF(dir);
  if (!ok) {
    *err = "cannot set sys._stdlib_dir";
    return false;
  }
  FixUpEarlyFrozenModules(app.path);
  if (app.python_child && !AppendPythonPath(err)) return false;
  app.trace.Log("main initialised (encodings and stdio ready)");
  return true;
}

}  // namespace vm
