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

// create_dynamic(namespace(name=`name`, origin=`image`)): CPython's loader
// dlopens the image the native loader put on disk or in a memfd.
PyObject* CreateFromImage(PyObject* create_dynamic, PyObject* namespace_type, const std::string& name,
                          const std::string& image) {
  PyObject* proxy = PyObject_CallNoArgs(namespace_type);
  PyObject* name_obj = PyUnicode_FromString(name.c_str());
  PyObject* image_obj = PyUnicode_FromString(image.c_str());
  PyObject* module = nullptr;
  if (proxy && name_obj && image_obj && PyObject_SetAttrString(proxy, "name", name_obj) == 0 &&
      PyObject_SetAttrString(proxy, "origin", image_obj) == 0)
    module = PyObject_CallOneArg(create_dynamic, proxy);
  Py_XDECREF(proxy);
  Py_XDECREF(name_obj);
  Py_XDECREF(image_obj);
  return module;
}

App* g_app = nullptr;  // the one App of this process, for the wrapper

// The payload entry of an extension whose path inside the app is `origin`
// (<app>/pkg/_x.cpython-311-x86_64-linux-gnu.so), or -1.
long ExtensionAt(const App& app, std::string_view origin) {
  const std::string& self = app.path;
  if (origin.size() <= self.size() + 1 || origin.compare(0, self.size(), self) != 0 || origin[self.size()] != '/')
    return -1;
  long i = app.reader.FindFile(origin.substr(self.size() + 1));
  return i >= 0 && app.reader.entry(static_cast<size_t>(i)).kind == payload::EntryKind::kExtension ? i : -1;
}

// _imp.create_dynamic(spec, file=None) for code that makes its own
// ExtensionFileLoader(name, path) of a path inside the app (the importer's
// spec.origin, or sys.path joined with a file name): that extension's image
// from the payload, under the name asked for (a file may hold several
// PyInit_ functions: test_importlib's _testmultiphase). Other specs go to
// the original. `self` is (original, SimpleNamespace type).
PyObject* CreateDynamic(PyObject* self, PyObject* args) {
  PyObject* original = PyTuple_GET_ITEM(self, 0);
  PyObject* spec = PyTuple_GET_SIZE(args) >= 1 ? PyTuple_GET_ITEM(args, 0) : nullptr;
  long index = -1;
  std::string name;
  if (spec && g_app) {
    PyObject* origin = PyObject_GetAttrString(spec, "origin");
    PyObject* name_obj = origin ? PyObject_GetAttrString(spec, "name") : nullptr;
    std::string_view o, n;
    if (origin && name_obj && Utf8View(origin, &o) && Utf8View(name_obj, &n) && (index = ExtensionAt(*g_app, o)) >= 0)
      name = std::string(n);
    PyErr_Clear();  // an odd spec is the original's to refuse
    Py_XDECREF(origin);
    Py_XDECREF(name_obj);
  }
  if (index < 0) return PyObject_Call(original, args, nullptr);
  std::string image, err;
  if (!LoadExtension(*g_app, index, name, &image, &err)) {
    PyErr_Format(PyExc_ImportError, "cannot load extension %s: %s", name.c_str(), err.c_str());
    return nullptr;
  }
  return CreateFromImage(original, PyTuple_GET_ITEM(self, 1), name, image);
}

PyMethodDef kCreateDynamicDef = {"create_dynamic", CreateDynamic, METH_VARARGS,
                                 "_imp.create_dynamic, loading extensions named by their path inside the app "
                                 "from the payload."};

}  // namespace

void InstallAppPathExtensionLoading(App& app, const ExtensionFunctions& f) {
  PyObject* imp = PyImport_ImportModule("_imp");
  PyObject* self = imp ? Py_BuildValue("(OO)", f.create_dynamic, f.namespace_type) : nullptr;
  PyObject* wrapper = self ? PyCFunction_New(&kCreateDynamicDef, self) : nullptr;
  if (!wrapper || PyObject_SetAttrString(imp, "create_dynamic", wrapper) < 0) {
    app.trace.Log("_imp.create_dynamic not wrapped: extension paths inside the app do not load");
    PyErr_Clear();
  } else {
    g_app = &app;
  }
  Py_XDECREF(wrapper);
  Py_XDECREF(self);
  Py_XDECREF(imp);
}

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
  PyObject* module = CreateFromImage(f.create_dynamic, f.namespace_type, name, fd_path);
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
