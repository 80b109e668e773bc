#include "vm/interpreter_config.h"

#include <Python.h>

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

// A python child (vm/python_child.h): python's own configuration with its
// command line parsed by CPython (Modules/main.c's rules), except what
// keeps the payload the only source of modules: PYTHON* variables ignored
// unless --allow-env names them (so -E changes nothing), no user site, the
// app's sys.path entry, no path configuration files.
bool InitializeChildCore(const App& app, const AllowedEnvironment& env, int argc, char** argv,
                         std::string* err) {
  PyPreConfig pre;
  PyPreConfig_InitPythonConfig(&pre);
  pre.parse_argv = 1;
  pre.use_environment = 0;
  ApplyAllowedPreEnvironment(env, &pre);
  if (!Check(Py_PreInitializeFromBytesArgs(&pre, argc, argv), err)) return false;
  PyConfig config;
  PyConfig_InitPythonConfig(&config);
  config.parse_argv = 1;
  config.use_environment = 0;
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
  ok = ok && ApplyAllowedEnvironment(env, &config, err);
  if (ok) ok = Check(Py_InitializeFromConfig(&config), err);
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
  if (app.python_child) {
    AllowedEnvironment env;
    if (!ParseAllowedEnvironment(AllowedValues(m.allow_env), {}, &env, err)) return false;
    return InitializeChildCore(app, env, argc, argv, err);
  }

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
  if (!Check(_Py_InitializeMain(), err)) return false;
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
  app.trace.Log("main initialised (encodings and stdio ready)");
  return true;
}

}  // namespace vm
