#include "vm/source_hooks.h"

namespace vm {

namespace {

// Python-level twins of CPython's C printers (Python/errors.c
// write_unraisable_exc_file, Modules/_threadmodule.c thread_excepthook),
// printing through `traceback`, which reads sources via linecache. Compiled
// on first use only.
const char kHooksSource[] = R"PY(
import sys

def _stderr():
    return sys.stderr

def excepthook(exc_type, exc_value, exc_tb):
    import traceback
    traceback.print_exception(exc_type, exc_value, exc_tb)

def unraisablehook(u):
    import traceback
    f = _stderr()
    if f is None:
        return
    if u.object is not None:
        try:
            r = repr(u.object)
        except Exception:
            r = "<object repr() failed>"
        msg = u.err_msg if u.err_msg is not None else "Exception ignored in"
        f.write(f"{msg}: {r}\n")
    elif u.err_msg is not None:
        f.write(f"{u.err_msg}:\n")
    if u.exc_traceback is not None:
        f.write("Traceback (most recent call last):\n")
        traceback.print_tb(u.exc_traceback, file=f)
    if u.exc_type is None:
        return
    for line in traceback.format_exception_only(u.exc_type, u.exc_value):
        f.write(line)
    f.flush()

def thread_excepthook(args):
    import traceback, threading
    if args.exc_type == SystemExit:
        return
    f = _stderr()
    if f is None:
        f = args.thread._stderr if args.thread is not None else None
        if f is None:
            return
    name = args.thread.name if args.thread is not None else threading.get_ident()
    print(f"Exception in thread {name}:", file=f, flush=True)
    traceback.print_exception(args.exc_type, args.exc_value, args.exc_traceback, file=f)
    f.flush()

def register(linecache, functools, name, filename, get_source):
    if filename and filename not in linecache.cache:
        linecache.cache[filename] = (functools.partial(get_source, name),)
)PY";

PyObject* g_hooks = nullptr;  // namespace dict of kHooksSource

PyObject* Hook(const char* name) {
  if (!g_hooks) {
    PyObject* globals = PyDict_New();
    if (!globals) return nullptr;
    PyDict_SetItemString(globals, "__builtins__", PyEval_GetBuiltins());
    PyObject* r = PyRun_String(kHooksSource, Py_file_input, globals, globals);
    if (!r) {
      Py_DECREF(globals);
      return nullptr;
    }
    Py_DECREF(r);
    g_hooks = globals;
  }
  PyObject* fn = PyDict_GetItemString(g_hooks, name);  // borrowed
  if (!fn) PyErr_Format(PyExc_RuntimeError, "freezer hook %s missing", name);
  return fn;
}

// C trampolines: the hooks' code is compiled only when an error is printed.
template <const char* kName>
PyObject* Trampoline(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  PyObject* fn = Hook(kName);
  return fn ? PyObject_Vectorcall(fn, args, static_cast<size_t>(nargs), nullptr) : nullptr;
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
  if (!SetHook(nullptr, "excepthook", &kExcepthookDef) ||
      !SetHook(nullptr, "unraisablehook", &kUnraisableDef)) {
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
