#include "vm/source_hooks.h"

#include "archive/member_paths.h"

namespace vm {

namespace {

// The Python side: vm/support/_freezer_source_hooks.py, bundled with the
// sources, imported on first use (sys.modules keeps it). An import, not a
// sys.modules lookup: a thread that finds it still initialising waits.
PyObject* Hook(const char* name) {
  PyObject* hooks = PyImport_ImportModule(payload::kSourceHooksSupportModule.data());
  if (!hooks) return nullptr;
  PyObject* fn = PyObject_GetAttrString(hooks, name);
  Py_DECREF(hooks);
  return fn;
}

// C trampolines: the Python side is imported only when one is called.
template <const char* kName>
PyObject* Trampoline(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  PyObject* fn = Hook(kName);
  if (!fn) return nullptr;
  PyObject* r = PyObject_Vectorcall(fn, args, static_cast<size_t>(nargs), nullptr);
  Py_DECREF(fn);
  return r;
}

constexpr char kExcepthook[] = "excepthook";
constexpr char kUnraisablehook[] = "unraisablehook";
constexpr char kThreadExcepthook[] = "thread_excepthook";

PyMethodDef kExcepthookDef = {kExcepthook, reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)(void)>(Trampoline<kExcepthook>)),
                              METH_FASTCALL, "sys.excepthook printing bundled source lines"};
PyMethodDef kUnraisableDef = {kUnraisablehook, reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)(void)>(Trampoline<kUnraisablehook>)),
                              METH_FASTCALL, "sys.unraisablehook printing bundled source lines"};
PyMethodDef kThreadDef = {kThreadExcepthook, reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)(void)>(Trampoline<kThreadExcepthook>)),
                          METH_FASTCALL, "threading.excepthook printing bundled source lines"};

bool SetHook(PyObject* target, const char* attr, PyMethodDef* def) {
  PyObject* fn = PyCFunction_New(def, nullptr);
  bool ok = fn && (target ? PyObject_SetAttrString(target, attr, fn) == 0
                          : PySys_SetObject(attr, fn) == 0);
  Py_XDECREF(fn);
  return ok;
}

void Register(PyObject* linecache, PyObject* functools, PyObject* name, PyObject* file,
              PyObject* get_source) {
  PyObject* fn = Hook("register");
  PyObject* r = fn ? PyObject_CallFunctionObjArgs(fn, linecache, functools, name, file, get_source,
                                                  nullptr)
                   : nullptr;
  Py_XDECREF(r);
  Py_XDECREF(fn);
  PyErr_Clear();
}

// Every module already loaded from the payload (and __main__).
void RegisterAll(PyObject* linecache, PyObject* functools, PyObject* importer,
                 PyObject* get_source) {
  PyObject* modules = PyImport_GetModuleDict();  // borrowed
  PyObject* items = PyDict_Items(modules);
  for (Py_ssize_t i = 0; items && i < PyList_GET_SIZE(items); ++i) {
    PyObject* pair = PyList_GET_ITEM(items, i);
    PyObject* module = PyTuple_GET_ITEM(pair, 1);
    PyObject* loader = PyObject_GetAttrString(module, "__loader__");
    PyObject* file = loader == importer ? PyObject_GetAttrString(module, "__file__") : nullptr;
    if (file && PyUnicode_Check(file))
      Register(linecache, functools, PyTuple_GET_ITEM(pair, 0), file, get_source);
    Py_XDECREF(file);
    Py_XDECREF(loader);
    PyErr_Clear();
  }
  Py_XDECREF(items);
}

PyObject* Loaded(const char* name) {
  PyObject* n = PyUnicode_InternFromString(name);
  PyObject* m = n ? PyImport_GetModule(n) : nullptr;
  Py_XDECREF(n);
  return m;
}

}  // namespace

bool InstallSourceHooks(std::string* err) {
  // The originals are the same objects, as under python: code that tests
  // `sys.excepthook is sys.__excepthook__` sees no hook installed.
  if (!SetHook(nullptr, "excepthook", &kExcepthookDef) ||
      !SetHook(nullptr, "unraisablehook", &kUnraisableDef) ||
      PySys_SetObject("__excepthook__", PySys_GetObject("excepthook")) < 0 ||
      PySys_SetObject("__unraisablehook__", PySys_GetObject("unraisablehook")) < 0) {
    *err = "cannot install source-aware error hooks";
    return false;
  }
  return true;
}

void AfterModuleExec(const std::string& name, PyObject* module, PyObject* importer) {
  if (name == "threading") {
    SetHook(module, "excepthook", &kThreadDef);
    PyErr_Clear();
  }
  PyObject* linecache = Loaded("linecache");
  PyObject* functools = linecache ? Loaded("functools") : nullptr;
  PyObject* get_source = functools ? PyObject_GetAttrString(importer, "get_source") : nullptr;
  if (get_source) {
    if (name == "linecache") {
      RegisterAll(linecache, functools, importer, get_source);
    } else {
      PyObject* file = PyObject_GetAttrString(module, "__file__");
      PyObject* n = PyUnicode_FromString(name.c_str());
      if (file && n) Register(linecache, functools, n, file, get_source);
      Py_XDECREF(file);
      Py_XDECREF(n);
    }
  }
  Py_XDECREF(get_source);
  Py_XDECREF(functools);
  Py_XDECREF(linecache);
  PyErr_Clear();
}

}  // namespace vm
