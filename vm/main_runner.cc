#include "vm/main_runner.h"

#include <Python.h>
#include <signal.h>
#include <unistd.h>

#include "vm/child_process_modes.h"
#include "vm/data_file_hint.h"
#include "vm/payload_importer.h"
#include "vm/site_builtins.h"
#include "vm/source_hooks.h"

namespace vm {

namespace {

// `python script.py`: the script's code runs in __main__ with __file__ set
// and __spec__ None.
PyObject* RunScript(App& app) {
  const payload::BootManifest& m = app.boot;
  // With a top-level data directory extracted, the script is beside it:
  // os.path.dirname(__file__) + "/assets" is on disk.
  std::string file = (m.files_root && !app.files_dir.empty() ? app.files_dir : app.path) + "/" + m.script_name;
  PyObject* code = BundledModuleCode(app, "__main__", file);
  if (!code) return nullptr;
  PyObject* main = PyImport_AddModule("__main__");  // borrowed
  PyObject* globals = main ? PyModule_GetDict(main) : nullptr;
  PyObject* file_obj = PyUnicode_FromString(file.c_str());
  PyObject* result = nullptr;
  if (globals && file_obj && PyDict_SetItemString(globals, "__file__", file_obj) == 0 &&
      PyDict_SetItemString(globals, "__cached__", Py_None) == 0 &&
      PyDict_SetItemString(globals, "__loader__", app.importer) == 0) {
    app.trace.Log("running __main__ (%s)", m.script_name.c_str());
    result = PyEval_EvalCode(code, globals, globals);
  }
  Py_XDECREF(file_obj);
  Py_DECREF(code);
  return result;
}

// `python -m module`: runpy does what it does for python itself.
PyObject* RunModule(const App& app) {
  const payload::BootManifest& m = app.boot;
  PyObject* runpy = PyImport_ImportModule("runpy");
  if (!runpy) return nullptr;
  app.trace.Log("running module %s as __main__", m.entry_target.c_str());
  PyObject* r = PyObject_CallMethod(runpy, "_run_module_as_main", "si",
                                    m.entry_target.c_str(), 0);
  Py_DECREF(runpy);
  return r;
}

// Console-script style "module:function": sys.exit(function()).
PyObject* RunFunction(const App& app) {
  const std::string& target = app.boot.entry_target;
  size_t colon = target.find(':');
  PyObject* obj = PyImport_ImportModule(target.substr(0, colon).c_str());
  std::string rest = colon == std::string::npos ? "" : target.substr(colon + 1);
  while (obj && !rest.empty()) {
    size_t dot = rest.find('.');
    PyObject* next = PyObject_GetAttrString(obj, rest.substr(0, dot).c_str());
    Py_DECREF(obj);
    obj = next;
    rest = dot == std::string::npos ? "" : rest.substr(dot + 1);
  }
  if (!obj) return nullptr;
  app.trace.Log("calling %s", target.c_str());
  PyObject* value = PyObject_CallNoArgs(obj);
  Py_DECREF(obj);
  if (!value) return nullptr;
  PyErr_SetObject(PyExc_SystemExit, value);
  Py_DECREF(value);
  return nullptr;
}

// A multiprocessing helper command line is run instead of the entry, but
// only when this app started the process (it has the child key: without it
// whoever chose argv is not the app) and bundles multiprocessing (otherwise
// it cannot have started one, and the arguments are the app's).
bool IsChildCommand(const App& app, const ChildCommand& c) {
  if (c.kind == ChildCommand::Kind::kNone || !app.boot.child_modes || app.child_key.empty())
    return false;
  PyObject* spawn = PyImport_ImportModule("multiprocessing.spawn");
  if (!spawn) {
    PyErr_Clear();
    return false;
  }
  Py_DECREF(spawn);
  return true;
}

}  // namespace

void PrepareRuntime(const App& app) {
  // A python child has site's own exit/quit, or none with -S, as python.
  if (!app.python_child) InstallSiteBuiltins();
  std::string err;
  if (app.boot.sources && !InstallSourceHooks(&err)) PyErr_Clear();
}

int RunEntryAndFinalize(App& app) {
  PyObject* result = nullptr;
  // Recognised only with the key: an app started by anyone else pays nothing.
  ChildCommand child;
  if (!app.child_key.empty() && app.boot.child_modes) child = RecogniseChildCommand(CurrentArgv());
  if (IsChildCommand(app, child)) {
    result = RunChildCommand(app, child);
  } else {
    switch (app.boot.entry_kind) {
      case payload::BootManifest::EntryKind::kScript: result = RunScript(app); break;
      case payload::BootManifest::EntryKind::kModule: result = RunModule(app); break;
      case payload::BootManifest::EntryKind::kFunction: result = RunFunction(app); break;
    }
  }
  int status = 0;
  bool unhandled_interrupt = false;
  if (result) {
    Py_DECREF(result);
  } else {
    unhandled_interrupt = PyErr_ExceptionMatches(PyExc_KeyboardInterrupt);
    // open(<app>/pkg/data.json) that ended the program: after the
    // traceback, the ways that work (vm/data_file_hint.h).
    std::string hint = PyErr_ExceptionMatches(PyExc_SystemExit) ? "" : DataFileHint(app);
    // Prints the traceback; for SystemExit it finalises and exits with
    // python's status rules (int, None, or message on stderr and 1).
    PyErr_Print();
    if (!hint.empty()) {
      PySys_FormatStderr("%s", hint.c_str());
      PyErr_Clear();
    }
    status = 1;
  }
  app.trace.Log("finalising");
  if (Py_FinalizeEx() < 0) status = 120;  // python's status when flushing fails
  if (unhandled_interrupt) {
    // As python does: die by the signal so the shell sees the interrupt.
    signal(SIGINT, SIG_DFL);
    kill(getpid(), SIGINT);
    status = 128 + SIGINT;
  }
  return status;
}

}  // namespace vm
