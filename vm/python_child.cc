#include "vm/python_child.h"

#include <sys/stat.h>

#include <cstring>
#include <string>
#include <vector>

#include "vm/child_command_line.h"
#include "vm/child_key.h"
#include "vm/python_child_environment.h"
#include "vm/python_command_line.h"

extern char** environ;

namespace vm {

namespace {

App* g_app = nullptr;  // the one App of this process, for the wrapper

// `target` is the app's own file (same device and inode).
bool IsTheAppFile(const App& app, const struct stat& target) {
  struct stat self;
  return stat(app.path.c_str(), &self) == 0 && target.st_dev == self.st_dev && target.st_ino == self.st_ino;
}

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
  struct stat target;
  return stat(p.c_str(), &target) == 0 && IsTheAppFile(app, target);
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
// for this process's) with the key added, and with it the names of the
// PYTHON* variables the child may honour.
PyObject* EnvironmentWithKey(const App& app, PyObject* env) {
  PyObject* out = PyList_New(0);
  if (!out) return nullptr;
  std::vector<std::string_view> entries;
  auto add = [out, &entries](PyObject* entry) {
    if (PyBytes_Check(entry) && IsKeyEntry(PyBytes_AS_STRING(entry))) return true;
    if (PyList_Append(out, entry) != 0) return false;
    if (PyBytes_Check(entry)) entries.emplace_back(PyBytes_AS_STRING(entry));
    return true;
  };
  bool ok = true;
  if (env == Py_None) {
    for (char** e = environ; ok && e && *e; ++e) {
      PyObject* b = PyBytes_FromString(*e);
      ok = b && add(b);
      Py_XDECREF(b);  // `out` holds it: its bytes stay valid
    }
  } else {
    PyObject* seq = PySequence_Fast(env, "fork_exec: env must be a sequence");
    ok = seq != nullptr;
    for (Py_ssize_t i = 0; ok && i < PySequence_Fast_GET_SIZE(seq); ++i)
      ok = add(PySequence_Fast_GET_ITEM(seq, i));
    Py_XDECREF(seq);  // `out` holds the items
  }
  std::string entry = std::string(kChildKeyVariable) + "=" +
                      ChildKeyValue(app.child_key, TrustedPythonNames(entries, app.inherited_python_env));
  PyObject* b = ok ? PyBytes_FromStringAndSize(entry.data(), static_cast<Py_ssize_t>(entry.size()))
                   : nullptr;
  ok = b && PyList_Append(out, b) == 0;
  Py_XDECREF(b);
  if (!ok) Py_CLEAR(out);
  return out;
}

// The key's value for a posix_spawn env mapping (str or bytes keys and
// values, as os.posix_spawn takes them); "" with a Python error.
std::string KeyValueForMapping(const App& app, PyObject* env) {
  PyObject* items = PyMapping_Items(env);
  if (!items) return "";
  std::vector<std::string> owned;
  for (Py_ssize_t i = 0; i < PyList_GET_SIZE(items); ++i) {
    PyObject* kv = PyList_GET_ITEM(items, i);
    PyObject *k = nullptr, *v = nullptr;
    if (!PyTuple_Check(kv) || PyTuple_GET_SIZE(kv) != 2 ||
        !PyUnicode_FSConverter(PyTuple_GET_ITEM(kv, 0), &k) ||
        !PyUnicode_FSConverter(PyTuple_GET_ITEM(kv, 1), &v)) {
      PyErr_Clear();  // posix_spawn itself says what is wrong with it
    } else {
      owned.push_back(std::string(PyBytes_AS_STRING(k)) + "=" + PyBytes_AS_STRING(v));
    }
    Py_XDECREF(k);
    Py_XDECREF(v);
  }
  Py_DECREF(items);
  std::vector<std::string_view> entries(owned.begin(), owned.end());
  return ChildKeyValue(app.child_key, TrustedPythonNames(entries, app.inherited_python_env));
}

// The app's child key, made now when this process has none; false with a
// Python error when the kernel gives no randomness.
bool HaveChildKey(App* app) {
  if (app->child_key.empty()) app->child_key = NewChildKey();
  if (!app->child_key.empty()) return true;
  PyErr_SetString(PyExc_OSError, "no randomness for the child key");
  return false;
}

// The key put in this process's own environment (what execv and a
// preexec_fn's exec pass on), naming the PYTHON* variables set there now.
void SetKeyInEnviron(const App& app) {
  std::vector<std::string_view> entries;
  for (char** e = environ; e && *e; ++e)
    if (!IsKeyEntry(*e)) entries.emplace_back(*e);
  std::string value = ChildKeyValue(app.child_key, TrustedPythonNames(entries, app.inherited_python_env));
  setenv(kChildKeyVariable.data(), value.c_str(), 1);
}

// A preexec_fn given with env=None, in the forked child: the program
// started gets this environment as preexec_fn leaves it (an explicit env
// list would lose what it sets), so the key goes in after it ran. `self`
// is (the caller's preexec_fn,).
PyObject* PreexecThenKey(PyObject* self, PyObject*) {
  PyObject* r = PyObject_CallNoArgs(PyTuple_GET_ITEM(self, 0));
  if (!r) return nullptr;
  Py_DECREF(r);
  SetKeyInEnviron(*g_app);
  Py_RETURN_NONE;
}

PyMethodDef kPreexecDef = {"preexec_fn", PreexecThenKey, METH_NOARGS,
                           "the caller's preexec_fn, then the child key in the environment"};

// original(*args, **kwargs) with args[index] replaced by `value` (a
// reference this call takes over).
PyObject* CallReplacing(PyObject* original, PyObject* args, Py_ssize_t index, PyObject* value,
                        PyObject* kwargs) {
  PyObject* call_args = PyTuple_GetSlice(args, 0, PyTuple_GET_SIZE(args));
  if (!call_args) {
    Py_DECREF(value);
    return nullptr;
  }
  // A fresh tuple nobody else holds: its item may be replaced.
  Py_SETREF(PyTuple_GET_ITEM(call_args, index), value);
  PyObject* r = PyObject_Call(original, call_args, kwargs);
  Py_DECREF(call_args);
  return r;
}

// _posixsubprocess.fork_exec(args, executable_list, close_fds, pass_fds,
// cwd, env, ...): the original, with the key in env when the program run is
// the app itself. `original` is the wrapped function.
PyObject* ForkExec(PyObject* original, PyObject* args) {
  App* app = g_app;
  if (!app || PyTuple_GET_SIZE(args) < 6 ||
      !RunsTheApp(*app, PyTuple_GET_ITEM(args, 1), PyTuple_GET_ITEM(args, 4)))
    return PyObject_Call(original, args, nullptr);
  if (!HaveChildKey(app)) return nullptr;
  constexpr Py_ssize_t kPreexec = 21;  // subprocess.py 3.11's argument order
  if (PyTuple_GET_ITEM(args, 5) == Py_None && PyTuple_GET_SIZE(args) > kPreexec &&
      PyTuple_GET_ITEM(args, kPreexec) != Py_None) {
    PyObject* self = PyTuple_Pack(1, PyTuple_GET_ITEM(args, kPreexec));
    PyObject* preexec = self ? PyCFunction_New(&kPreexecDef, self) : nullptr;
    Py_XDECREF(self);
    return preexec ? CallReplacing(original, args, kPreexec, preexec, nullptr) : nullptr;
  }
  PyObject* env = EnvironmentWithKey(*app, PyTuple_GET_ITEM(args, 5));
  return env ? CallReplacing(original, args, 5, env, nullptr) : nullptr;
}

// The candidates posix_spawn (a path) or posix_spawnp (a file name looked up
// in this process's PATH, as glibc's posix_spawnp does) would run, as the
// list of bytes RunsTheApp reads; nullptr with no Python error when `path`
// is no path.
PyObject* SpawnCandidates(PyObject* path, bool search) {
  PyObject* bytes = nullptr;
  if (!PyUnicode_FSConverter(path, &bytes)) {
    PyErr_Clear();
    return nullptr;
  }
  std::string name = PyBytes_AS_STRING(bytes);
  PyObject* out = PyList_New(0);
  if (!out || !search || name.find('/') != std::string::npos) {
    if (out && PyList_Append(out, bytes) != 0) Py_CLEAR(out);
    Py_DECREF(bytes);
    if (!out) PyErr_Clear();
    return out;
  }
  Py_DECREF(bytes);
  const char* path_var = getenv("PATH");
  std::string dirs = path_var ? path_var : "/bin:/usr/bin";
  for (size_t start = 0; out && start <= dirs.size();) {
    size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    std::string dir = dirs.substr(start, end - start);
    std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
    PyObject* b = PyBytes_FromStringAndSize(candidate.data(), static_cast<Py_ssize_t>(candidate.size()));
    if (!b || PyList_Append(out, b) != 0) Py_CLEAR(out);
    Py_XDECREF(b);
    start = end + 1;
  }
  if (!out) PyErr_Clear();
  return out;
}

// original(*args, **kwargs) with args[index], an environment mapping,
// replaced by a copy holding the key.
PyObject* CallWithKeyInMapping(const App& app, PyObject* original, PyObject* args, Py_ssize_t index,
                               PyObject* kwargs) {
  // A mapping as posix_spawn and execve want it (they reject anything else
  // the same way when the copy cannot be made).
  PyObject* env = PyObject_CallOneArg(reinterpret_cast<PyObject*>(&PyDict_Type), PyTuple_GET_ITEM(args, index));
  if (!env) {
    PyErr_Clear();
    return PyObject_Call(original, args, kwargs);
  }
  std::string value = KeyValueForMapping(app, env);
  PyObject* key = value.empty() ? nullptr : PyUnicode_FromString(value.c_str());
  bool ok = key && PyDict_SetItemString(env, kChildKeyVariable.data(), key) == 0;
  Py_XDECREF(key);
  if (!ok) {
    Py_DECREF(env);
    return nullptr;
  }
  return CallReplacing(original, args, index, env, kwargs);
}

// Whether args[0], the program a spawn or exec runs (looked up in PATH
// when `search`), is the app; false when there is no app to compare with.
bool SpawnsTheApp(PyObject* args, Py_ssize_t min_args, bool search) {
  App* app = g_app;
  if (app && PyTuple_GET_SIZE(args) >= min_args && PyLong_Check(PyTuple_GET_ITEM(args, 0))) {
    // os.execve(fd, ...), fexecve: the descriptor of the app's own file?
    int fd = PyLong_AsLong(PyTuple_GET_ITEM(args, 0));
    struct stat target;
    if (PyErr_Occurred()) PyErr_Clear();  // the original reports a bad fd
    return fstat(fd, &target) == 0 && IsTheAppFile(*app, target);
  }
  PyObject* candidates = app && PyTuple_GET_SIZE(args) >= min_args
                             ? SpawnCandidates(PyTuple_GET_ITEM(args, 0), search)
                             : nullptr;
  bool ours = candidates && RunsTheApp(*app, candidates, Py_None);
  Py_XDECREF(candidates);
  return ours;
}

// os.posix_spawn(path, argv, env, ...) and os.posix_spawnp: the original,
// with the key added to a copy of env when the program run is the app
// itself. `self` is (original, search PATH?).
PyObject* Spawn(PyObject* self, PyObject* args, PyObject* kwargs) {
  PyObject* original = PyTuple_GET_ITEM(self, 0);
  bool search = PyObject_IsTrue(PyTuple_GET_ITEM(self, 1)) == 1;
  if (!SpawnsTheApp(args, 3, search)) return PyObject_Call(original, args, kwargs);
  if (!HaveChildKey(g_app)) return nullptr;
  return CallWithKeyInMapping(*g_app, original, args, 2, kwargs);
}

// os.execv(path, argv) and os.execve(path, argv, env), which os.spawnv*,
// os.execvp* and fork-then-exec code call: the original, with the key in
// the new program's environment when it is the app itself. `self` is
// (original, takes env?).
PyObject* Exec(PyObject* self, PyObject* args, PyObject* kwargs) {
  PyObject* original = PyTuple_GET_ITEM(self, 0);
  bool with_env = PyObject_IsTrue(PyTuple_GET_ITEM(self, 1)) == 1;
  if (!SpawnsTheApp(args, with_env ? 3 : 2, false)) return PyObject_Call(original, args, kwargs);
  if (!HaveChildKey(g_app)) return nullptr;
  if (with_env) return CallWithKeyInMapping(*g_app, original, args, 2, kwargs);
  SetKeyInEnviron(*g_app);
  PyObject* r = PyObject_Call(original, args, kwargs);
  // Still here: the exec failed, and no other child may inherit the key.
  unsetenv(kChildKeyVariable.data());
  return r;
}

PyMethodDef kPosixSpawnDef = {"posix_spawn", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(Spawn)), METH_VARARGS | METH_KEYWORDS,
                              "os.posix_spawn, passing the child key to the app's own children "
                              "(docs/security.md, \"Child processes\")."};
PyMethodDef kPosixSpawnpDef = {"posix_spawnp", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(Spawn)), METH_VARARGS | METH_KEYWORDS,
                               "os.posix_spawnp, passing the child key to the app's own children "
                               "(docs/security.md, \"Child processes\")."};

PyMethodDef kExecvDef = {"execv", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(Exec)), METH_VARARGS | METH_KEYWORDS,
                         "os.execv, passing the child key when it runs the app "
                         "(docs/security.md, \"Child processes\")."};
PyMethodDef kExecveDef = {"execve", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(Exec)), METH_VARARGS | METH_KEYWORDS,
                          "os.execve, passing the child key when it runs the app "
                          "(docs/security.md, \"Child processes\")."};

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

// posix.`name` (and os.`name`, should os be imported already) wrapped by
// `def` with self (original, flag), once.
bool WrapPosix(PyObject* posix, PyMethodDef* def, bool flag) {
  PyObject* current = PyObject_GetAttrString(posix, def->ml_name);
  if (!current) {  // a kernel or libc without it: nothing to wrap
    PyErr_Clear();
    return true;
  }
  bool ok = true;
  if (!(PyCFunction_Check(current) && PyCFunction_GET_FUNCTION(current) == def->ml_meth)) {
    PyObject* self = Py_BuildValue("(OO)", current, flag ? Py_True : Py_False);
    PyObject* module_name = PyModule_GetNameObject(posix);
    PyErr_Clear();  // the module name is decoration
    PyObject* wrapper = self ? PyCFunction_NewEx(def, self, module_name) : nullptr;
    Py_XDECREF(module_name);
    ok = wrapper && PyObject_SetAttrString(posix, def->ml_name, wrapper) == 0;
    PyObject* os = PyImport_GetModuleDict() ? PyDict_GetItemString(PyImport_GetModuleDict(), "os") : nullptr;
    if (ok && os) ok = PyObject_SetAttrString(os, def->ml_name, wrapper) == 0;
    Py_XDECREF(wrapper);
    Py_XDECREF(self);
  }
  Py_DECREF(current);
  return ok;
}

}  // namespace

void InstallSpawnWrappers(App& app) {
  if (!app.boot.python_children || !app.boot.child_modes) return;
  g_app = &app;
  PyObject* posix = PyImport_ImportModule("posix");
  if (!posix || !WrapPosix(posix, &kPosixSpawnDef, false) || !WrapPosix(posix, &kPosixSpawnpDef, true) ||
      !WrapPosix(posix, &kExecvDef, false) || !WrapPosix(posix, &kExecveDef, true)) {
    app.trace.Log("posix_spawn/execv not wrapped: what they run of the app is no python child");
    PyErr_Clear();
  }
  Py_XDECREF(posix);
}

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
