#include "vm/child_process_modes.h"

#include "archive/member_paths.h"
#include "vm/child_key.h"
#include "vm/payload_importer.h"
#include "vm/python_values.h"

namespace vm {

std::vector<std::string> CurrentArgv() {
  std::vector<std::string> out;
  PyObject* argv = PySys_GetObject("argv");  // borrowed
  if (!argv || !PyList_Check(argv)) return out;
  for (Py_ssize_t i = 0; i < PyList_GET_SIZE(argv); ++i) {
    const char* s = PyUnicode_Check(PyList_GET_ITEM(argv, i))
                        ? PyUnicode_AsUTF8(PyList_GET_ITEM(argv, i)) : nullptr;
    if (!s) {  // surrogate-escaped bytes: not a command line multiprocessing writes
      PyErr_Clear();
      return {};
    }
    out.push_back(s);
  }
  return out;
}

namespace {

// spawn re-runs a script app's __main__ from its path, which is not a file:
// the support module teaches it the bundled code (vm/support/).
PyObject* InstallMainFixup(App& app) {
  PyObject* code = Py_NewRef(Py_None);
  std::string file;
  if (app.boot.entry_kind == payload::BootManifest::EntryKind::kScript) {
    file = app.path + "/" + app.boot.script_name;
    Py_DECREF(code);
    code = BundledModuleCode(app, "__main__", file);
  }
  PyObject* support =
      code ? PyImport_ImportModule(payload::kMultiprocessingSupportModule.data()) : nullptr;
  PyObject* file_obj = support ? PyUnicode_DecodeFSDefault(file.c_str()) : nullptr;
  PyObject* r = file_obj
                    ? PyObject_CallMethod(support, "install_main_fixup", "OO", code, file_obj)
                    : nullptr;
  Py_XDECREF(code);
  Py_XDECREF(support);
  Py_XDECREF(file_obj);
  return r;
}

}  // namespace

PyObject* RunChildCommand(App& app, const ChildCommand& command) {
  app.trace.Log("multiprocessing child: %s", command.code.c_str());
  PyObject* fixup = InstallMainFixup(app);
  if (!fixup) return nullptr;
  Py_DECREF(fixup);
  PyObject* argv = NewStringList(command.argv, TextEncoding::kFileSystem);
  if (!argv || PySys_SetObject("argv", argv) < 0) {
    Py_XDECREF(argv);
    return nullptr;
  }
  Py_DECREF(argv);
  // As `python -c`: the code runs in __main__, which has no __file__.
  PyObject* main = PyImport_AddModule("__main__");  // borrowed
  PyObject* globals = main ? PyModule_GetDict(main) : nullptr;
  if (!globals) return nullptr;
  return PyRun_String(command.code.c_str(), Py_file_input, globals, globals);
}

bool AfterMultiprocessingUtil(App& app, PyObject* util) {
  if (!app.boot.child_modes) return true;
  PyObject* support = PyImport_ImportModule(payload::kMultiprocessingSupportModule.data());
  if (!support) {
    // Not bundled (the app has no multiprocessing.spawn): it starts no
    // process with sys.executable, so there is no one to give the key.
    if (!PyErr_ExceptionMatches(PyExc_ImportError)) return false;
    PyErr_Clear();
    return true;
  }
  if (app.child_key.empty()) app.child_key = NewChildKey();
  PyObject* r = nullptr;
  if (app.child_key.empty()) {
    PyErr_SetString(PyExc_OSError, "no randomness for the multiprocessing child key");
  } else {
    std::string name(kChildKeyVariable);
    r = PyObject_CallMethod(support, "install_parent", "Oss", util, name.c_str(),
                            app.child_key.c_str());
  }
  Py_DECREF(support);
  Py_XDECREF(r);
  return r != nullptr;
}

}  // namespace vm
