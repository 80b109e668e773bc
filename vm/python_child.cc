#include "vm/python_child.h"

#include <sys/stat.h>

#include <cstring>
#include <string>
#include <vector>

#include "vm/child_command_line.h"
#include "vm/child_key.h"
#include "vm/python_command_line.h"

extern char** environ;

namespace vm {

namespace {

App* g_app = nullptr;  // the one App of this process, for the wrapper

// `path` (bytes, relative to `cwd` when it is relative: the child changes
// directory before exec) is the app's own file.
bool IsTheApp(const App& app, PyObject* path, PyObject* cwd) {
  if (!PyBytes_Check(path)) return false;
  std::string p = PyBytes_AS_STRING(path);
  if (p.empty()) return false;
  if (p[0] != '/' && cwd != Py_None) {
    PyObject* cwd_bytes = nullptr;
    if (!PyUnicode_FSConverter(cwd, &cwd_bytes)) {
      PyErr_Clear();
      return false;
    }
    p = std::string(PyBytes_AS_STRING(cwd_bytes)) + "/" + p;
    Py_DECREF(cwd_bytes);
  }
  struct stat target, self;
  return stat(p.c_str(), &target) == 0 && stat(app.path.c_str(), &self) == 0 &&
         target.st_dev == self.st_dev && target.st_ino == self.st_ino;
}

// execve runs the first candidate that exists: is that the app?
bool RunsTheApp(const App& app, PyObject* executables, PyObject* cwd) {
  PyObject* seq = PySequence_Fast(executables, "");
  if (!seq) {
    PyErr_Clear();
    return false;
  }
  bool found = false;
  for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(seq); ++i) {
    PyObject* item = PySequence_Fast_GET_ITEM(seq, i);
    if (!PyBytes_Check(item)) continue;
    struct stat st;
    std::string p = PyBytes_AS_STRING(item);
    if (IsTheApp(app, item, cwd)) {
      found = true;
      break;
    }
    if (!p.empty() && p[0] == '/' && stat(p.c_str(), &st) == 0) break;  // this one runs, not the app
  }
  Py_DECREF(seq);
  return found;
}

bool IsKeyEntry(const char* entry) {
  size_t n = kChildKeyVariable.size();
  return strncmp(entry, kChildKeyVariable.data(), n) == 0 && entry[n] == '=';
}

// The child's environment (fork_exec's env: a sequence of b"K=V", or None
// for this process's) with the key added.
PyObject* EnvironmentWithKey(PyObject* env, const std::string& key) {
  PyObject* out = PyList_New(0);
  if (!out) return nullptr;
  auto add = [out](PyObject* entry) {
    if (PyBytes_Check(entry) && IsKeyEntry(PyBytes_AS_STRING(entry))) return true;
    return PyList_Append(out, entry) == 0;
  };
  bool ok = true;
  if (env == Py_None) {
    for (char** e = environ; ok && e && *e; ++e) {
      PyObject* b = PyBytes_FromString(*e);
      ok = b && add(b);
      Py_XDECREF(b);
    }
  } else {
    PyObject* seq = PySequence_Fast(env, "fork_exec: env must be a sequence");
    ok = seq != nullptr;
    for (Py_ssize_t i = 0; ok && i < PySequence_Fast_GET_SIZE(seq); ++i)
      ok = add(PySequence_Fast_GET_ITEM(seq, i));
    Py_XDECREF(seq);
  }
  std::string entry = std::string(kChildKeyVariable) + "=" + key;
  PyObject* b = ok ? PyBytes_FromStringAndSize(entry.data(), static_cast<Py_ssize_t>(entry.size()))
                   : nullptr;
  ok = b && PyList_Append(out, b) == 0;
  Py_XDECREF(b);
  if (!ok) Py_CLEAR(out);
  return out;
}

// _posixsubprocess.fork_exec(args, executable_list, close_fds, pass_fds,
// cwd, env, ...): the original, with the key in env when the program run is
// the app itself. `original` is the wrapped function.
PyObject* ForkExec(PyObject* original, PyObject* args) {
  App* app = g_app;
  if (!app || PyTuple_GET_SIZE(args) < 6 ||
      !RunsTheApp(*app, PyTuple_GET_ITEM(args, 1), PyTuple_GET_ITEM(args, 4)))
    return PyObject_Call(original, args, nullptr);
  if (app->child_key.empty()) app->child_key = NewChildKey();
  if (app->child_key.empty()) {
    PyErr_SetString(PyExc_OSError, "no randomness for the child key");
    return nullptr;
  }
  PyObject* env = EnvironmentWithKey(PyTuple_GET_ITEM(args, 5), app->child_key);
  if (!env) return nullptr;
  PyObject* call_args = PyTuple_GetSlice(args, 0, PyTuple_GET_SIZE(args));
  if (!call_args) {
    Py_DECREF(env);
    return nullptr;
  }
  // A fresh tuple nobody else holds: its item may be replaced.
  Py_SETREF(PyTuple_GET_ITEM(call_args, 5), env);
  PyObject* r = PyObject_Call(original, call_args, nullptr);
  Py_DECREF(call_args);
  return r;
}

PyMethodDef kForkExecDef = {"fork_exec", ForkExec, METH_VARARGS,
                            "_posixsubprocess.fork_exec, passing the child key to the app's own "
                            "children (docs/security.md, \"Child processes\")."};

// `owner`.`name` wrapped, once.
bool Wrap(PyObject* owner, const char* name) {
  PyObject* current = PyObject_GetAttrString(owner, name);
  if (!current) return false;
  bool ok = true;
  if (!(PyCFunction_Check(current) && PyCFunction_GET_FUNCTION(current) ==
                                          reinterpret_cast<PyCFunction>(ForkExec))) {
    PyObject* wrapper = PyCFunction_New(&kForkExecDef, current);
    ok = wrapper && PyObject_SetAttrString(owner, name, wrapper) == 0;
    Py_XDECREF(wrapper);
  }
  Py_DECREF(current);
  return ok;
}

}  // namespace

bool IsPythonChild(const App& app, int argc, char** argv) {
  // --no-child-modes means no child of any kind: every argv the app's own.
  if (app.child_key.empty() || !app.boot.python_children || !app.boot.child_modes) return false;
  std::vector<std::string> args(argv, argv + argc);
  if (RecogniseChildCommand(args).kind != ChildCommand::Kind::kNone) return false;
  return IsPythonCommandLine(args, IsDirectoryWithMain);
}

bool AfterSubprocess(App& app, PyObject* subprocess) {
  if (!app.boot.python_children || !app.boot.child_modes) return true;
  g_app = &app;
  PyObject* posix = PyImport_ImportModule("_posixsubprocess");
  bool ok = posix && Wrap(posix, "fork_exec");
  Py_XDECREF(posix);
  // subprocess keeps its own reference (`from _posixsubprocess import
  // fork_exec as _fork_exec`); its posix_spawn shortcut would bypass it.
  ok = ok && Wrap(subprocess, "_fork_exec") &&
       PyObject_SetAttrString(subprocess, "_USE_POSIX_SPAWN", Py_False) == 0;
  return ok;
}

int RunPythonChild(App& app) {
  app.trace.Log("python child: running as python's main");
  return Py_RunMain();
}

}  // namespace vm
