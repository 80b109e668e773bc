#include "vm/extension_loading.h"

#include <sys/stat.h>

#include "vm/python_values.h"

namespace vm {

namespace {

// --debug-imports: where a native image came from, in python -v's words
// ("# extension module 'x' loaded from '...'"): its copy in the shared
// native cache, or a memfd of the member. The native loader loads each once, so
// only the first load says it.
void TraceNative(App& app, const char* what, const std::string& name, const std::string& member,
                 const std::string& loaded) {
  if (!app.boot.trace_imports || !app.traced_native.insert(member).second) return;
  std::string cached = app.native.CachedFile(member);
  bool memfd = cached.empty() && loaded.rfind("/proc/self/fd/", 0) == 0;
  PySys_FormatStderr("# %s '%s' loaded from %s '%s' (payload member '%s')\n", what, name.c_str(),
                     !cached.empty() ? "the native cache" : memfd ? "memfd" : "a temporary file",
                     cached.empty() ? loaded.c_str() : cached.c_str(), member.c_str());
}

// Loads the libraries an extension needs, then the extension itself; returns
// the path CPython's loader should dlopen to get it.
bool LoadExtension(App& app, long index, const std::string& name, std::string* path, std::string* err) {
  const payload::NativeManifest& manifest = app.native_manifest();
  std::string archive_path(app.reader.entry(static_cast<size_t>(index)).name);
  auto pre = manifest.preload.find(archive_path);
  if (pre != manifest.preload.end()) {
    for (const auto& lib : pre->second) {
      std::string lib_path;
      if (!app.native.Load(manifest, lib, &lib_path, err)) return false;
      TraceNative(app, "shared library", lib.substr(lib.rfind('/') + 1), lib, lib_path);
    }
  }
  if (!app.native.Load(manifest, archive_path, path, err)) return false;
  TraceNative(app, "extension module", name, archive_path, *path);
  return true;
}

}  // namespace

bool LookUpExtensionFunctions(ExtensionFunctions* f) {
  f->create_dynamic = ModuleAttr("_imp", "create_dynamic");
  f->exec_dynamic = f->create_dynamic ? ModuleAttr("_imp", "exec_dynamic") : nullptr;
  PyObject* impl = PySys_GetObject("implementation");  // borrowed; a SimpleNamespace
  f->namespace_type = impl ? Py_NewRef(reinterpret_cast<PyObject*>(Py_TYPE(impl))) : nullptr;
  return f->create_dynamic && f->exec_dynamic && f->namespace_type;
}

PyObject* CreateExtensionModule(App& app, const ExtensionFunctions& f, PyObject* spec,
                                long index, const std::string& name) {
  std::string fd_path, err;
  if (!LoadExtension(app, index, name, &fd_path, &err)) {
    PyErr_Format(PyExc_ImportError, "cannot load extension %s: %s", name.c_str(), err.c_str());
    return nullptr;
  }
  app.trace.Log("extension %s -> %s", name.c_str(), fd_path.c_str());
  // CPython's loader dlopens spec.origin; hand it the memfd path, then give
  // the module its path inside the app.
  PyObject* proxy = PyObject_CallNoArgs(f.namespace_type);
  PyObject* name_obj = PyUnicode_FromString(name.c_str());
  PyObject* fd_obj = PyUnicode_FromString(fd_path.c_str());
  PyObject* module = nullptr;
  if (proxy && name_obj && fd_obj && PyObject_SetAttrString(proxy, "name", name_obj) == 0 &&
      PyObject_SetAttrString(proxy, "origin", fd_obj) == 0) {
    module = PyObject_CallOneArg(f.create_dynamic, proxy);
  }
  Py_XDECREF(proxy);
  Py_XDECREF(name_obj);
  Py_XDECREF(fd_obj);
  // __file__ is the very image loaded (the private cache's copy, or the
  // kept memfd's /proc/self/fd/N): ctypes.CDLL(ext.__file__) and open()
  // work, as on a file python loaded from disk (the loader matches the
  // cache's file to the object by device and inode); spec.origin keeps its
  // path in the app.
  // Where the module's package is on disk (--extract-package, data next
  // to __file__), origin is that file and stays __file__: code finds its
  // data through os.path.dirname(__file__) (mypy's typeshed).
  if (module && PyModule_Check(module)) {
    PyObject* origin = PyObject_GetAttrString(spec, "origin");
    std::string origin_path;
    if (origin && PyUnicode_Check(origin)) {
      if (const char* o = PyUnicode_AsUTF8(origin)) origin_path = o;
    }
    PyErr_Clear();
    Py_XDECREF(origin);
    struct stat st;
    bool on_disk = !origin_path.empty() && stat(origin_path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
    std::string cached = app.native.CachedFile(std::string(app.reader.entry(static_cast<size_t>(index)).name));
    const std::string& image = cached.empty() ? fd_path : cached;
    PyObject* file = PyUnicode_DecodeFSDefault(on_disk ? origin_path.c_str() : image.c_str());
    if (!file || PyObject_SetAttrString(module, "__file__", file) < 0) {
      Py_XDECREF(file);
      Py_DECREF(module);
      return nullptr;
    }
    Py_DECREF(file);
  }
  return module;
}

PyObject* ExecExtensionModule(const ExtensionFunctions& f, PyObject* module) {
  PyObject* r = PyObject_CallOneArg(f.exec_dynamic, module);
  if (!r) return nullptr;
  Py_DECREF(r);
  Py_RETURN_NONE;
}

}  // namespace vm
