#include "vm/payload_importer.h"

#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>
#include <marshal.h>

#include <cstdio>
#include <cstring>
#include <string_view>
#include <vector>

#include "archive/payload_format.h"
#include "archive/python_abi.h"
#include "vm/child_process_modes.h"
#include "vm/extension_loading.h"
#include "vm/import_gc_pause.h"
#include "vm/package_dir_finder.h"
#include "vm/path_entry.h"
#include "vm/payload_views.h"
#include "vm/private_cache.h"
#include "vm/python_child.h"
#include "vm/python_values.h"
#include "vm/source_hooks.h"

namespace vm {

namespace {

// The importer object: the app it serves and the CPython callables its
// methods call, looked up once at install.
struct ImporterObject {
  PyObject_HEAD
  App* app;
  PyObject* module_spec;      // _frozen_importlib.ModuleSpec
  PyObject* frames_removed;   // _frozen_importlib._call_with_frames_removed
  PyObject* exec;             // builtins.exec
  PyObject* fix_co_filename;  // _imp._fix_co_filename
  ExtensionFunctions extensions;
  bool magic_checked;
};

ImporterObject* Importer(PyObject* self) { return reinterpret_cast<ImporterObject*>(self); }

// A bundled module: its index entry and its path inside the app.
struct BundledModule {
  std::string name;  // the payload's module: see LookUp for when it is not the name asked
  long index = -1;
  payload::EntryKind kind = payload::EntryKind::kModule;
  std::string rel_path;  // "a/b.py", "a/b/__init__.py", "a/_x.abi3.so"
  std::string package_dir;  // "a/b" for packages
};

bool FindBundled(const App& app, std::string_view name, BundledModule* out) {
  out->name = name;
  std::string base(name);
  for (char& c : base) if (c == '.') c = '/';
  long i = app.reader.FindModule(name);
  if (i >= 0) {
    out->index = i;
    out->kind = app.reader.entry(static_cast<size_t>(i)).kind;
    if (out->kind == payload::EntryKind::kPackage) {
      out->rel_path = base + "/__init__.py";
      out->package_dir = base;
    } else {
      out->rel_path = base + ".py";
    }
    return true;
  }
  // "pkg.__init__": python's FileFinder loads pkg/__init__.py once more as a
  // plain module of that name (astroid imports every file it lists in
  // astroid/brain this way, __init__.py included).
  constexpr std::string_view kInit = ".__init__";
  if (name.size() > kInit.size() && name.substr(name.size() - kInit.size()) == kInit) {
    std::string_view package = name.substr(0, name.size() - kInit.size());
    i = app.reader.FindModule(package);
    if (i >= 0 && app.reader.entry(static_cast<size_t>(i)).kind == payload::EntryKind::kPackage) {
      out->index = i;
      out->kind = payload::EntryKind::kModule;
      out->rel_path = base + ".py";  // "pkg/__init__.py"
      return true;
    }
  }
  for (std::string_view suffix : payload::kExtensionSuffixes) {
    std::string path = base + std::string(suffix);
    i = app.reader.FindFile(path);
    if (i >= 0 && app.reader.entry(static_cast<size_t>(i)).kind ==
                      payload::EntryKind::kExtension) {
      out->index = i;
      out->kind = payload::EntryKind::kExtension;
      out->rel_path = std::move(path);
      return true;
    }
  }
  return false;
}

PyObject* RaiseNotBundled(std::string_view name) {
  PyObject* n = PyUnicode_FromStringAndSize(name.data(), static_cast<Py_ssize_t>(name.size()));
  if (!n) return nullptr;
  PyObject* msg = PyUnicode_FromFormat("no module named %R in the payload", n);
  if (msg) {
    PyErr_SetImportError(msg, n, nullptr);
    Py_DECREF(msg);
  }
  Py_DECREF(n);
  return nullptr;
}

// The payload module of entry `index` (a module, package or extension).
bool BundledAt(const App& app, long index, BundledModule* out) {
  payload::EntryView e = app.reader.entry(static_cast<size_t>(index));
  std::string name(e.name);
  if (e.kind == payload::EntryKind::kExtension) {
    name.resize(name.find('.', name.rfind('/') + 1));  // "a/_x.abi3.so" -> "a._x"
    for (char& c : name) if (c == '/') c = '.';
  } else if (!payload::IsModuleKind(e.kind)) {
    return false;
  }
  return FindBundled(app, name, out) && out->index == index;
}

// The entry of sys.modules[fullname] when this importer loaded it, else -1.
long LoadedIndex(PyObject* self, PyObject* fullname) {
  PyObject* module = PyImport_GetModule(fullname);  // new reference or NULL
  PyObject* spec = module ? PyObject_GetAttrString(module, "__spec__") : nullptr;
  PyObject* loader = spec && spec != Py_None ? PyObject_GetAttrString(spec, "loader") : nullptr;
  PyObject* state = loader == self ? PyObject_GetAttrString(spec, "loader_state") : nullptr;
  long index = state && PyLong_Check(state) ? PyLong_AsLong(state) : -1;
  Py_XDECREF(state);
  Py_XDECREF(loader);
  Py_XDECREF(spec);
  Py_XDECREF(module);
  PyErr_Clear();
  return index >= 0 && static_cast<size_t>(index) < ImporterApp(self).reader.size() ? index : -1;
}

// The opening the loader methods taking a module name share: the bundled
// module `fullname` names, or false with ImportError set when there is none.
// A module found through its parent's __path__ (FindSpec) is another entry
// than its name's; once loaded, its spec says which.
bool LookUp(PyObject* self, PyObject* fullname, BundledModule* m) {
  std::string_view name;
  if (!Utf8View(fullname, &name)) return false;
  const App& app = ImporterApp(self);
  long loaded = LoadedIndex(self, fullname);
  if (loaded >= 0 && BundledAt(app, loaded, m)) return true;
  if (FindBundled(app, name, m)) return true;
  RaiseNotBundled(name);
  return false;
}

// Each package directory of an extraction gets, in
// sys.path_importer_cache, a finder that lists the payload's modules there
// for pkgutil (vm/package_dir_finder.h).
void ListExtractedPackages(App& app, const std::string& dir, const std::string& package) {
  PyObject* cache = PySys_GetObject("path_importer_cache");  // borrowed
  if (!cache || !PyDict_Check(cache)) return;
  for (size_t i = 0; i < app.reader.size(); ++i) {
    payload::EntryView e = app.reader.entry(i);
    if (e.kind != payload::EntryKind::kPackage || !payload::IsModuleInPackage(e.name, package)) continue;
    std::string rel(e.name);
    for (char& c : rel) if (c == '.') c = '/';
    std::string path = dir + "/" + rel;
    PyObject* finder = NewPackageDirFinder(app.importer, std::string(e.name), path);
    if (!finder || PyDict_SetItemString(cache, path.c_str(), finder) < 0) PyErr_Clear();
    Py_XDECREF(finder);
  }
}

// --extract-package: the package's files are written once to the private
// cache and its modules' __file__/__path__ point there, for code that opens
// files next to __file__. Returns the directory, or "" with a Python error.
std::string ExtractedDir(App& app, const std::string& package) {
  auto done = app.extracted.find(package);
  if (done != app.extracted.end()) return done->second;
  PrivateDirsInUse dirs_in_use;
  std::string dir, err;
  if (!PrivatePayloadDir("files", app.digest_hex, &dir, &err)) {
    PyErr_Format(PyExc_ImportError, "cannot extract package %s: %s", package.c_str(), err.c_str());
    return "";
  }
  std::string prefix = package;
  for (char& c : prefix) if (c == '.') c = '/';
  prefix += "/";
  // Written last, once every file is in place: later starts trust the
  // directory (private, checked on the way in, named by the payload's
  // digest) instead of reading, decompressing and comparing every file
  // again, numpy's 20 MB of extensions among them.
  const std::string marker = ".extracted-" + package;
  struct stat st;
  bool complete = lstat((dir + "/" + marker).c_str(), &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid();
  for (size_t i = 0; i < app.reader.size() && !complete; ++i) {
    payload::EntryView e = app.reader.entry(i);
    if (payload::IsModuleKind(e.kind) || e.name.compare(0, prefix.size(), prefix) != 0) continue;
    std::vector<uint8_t> storage;
    std::span<const uint8_t> bytes = app.EntryBytes(static_cast<long>(i), &storage);
    if (!PutPrivateFile(dir, std::string(e.name), bytes, PrivateDataFileMode(app.boot, e.name), &err)) {
      PyErr_Format(PyExc_ImportError, "cannot extract package %s: %s", package.c_str(), err.c_str());
      return "";
    }
  }
  if (!complete && !PutPrivateFile(dir, marker, {}, 0600, &err)) {
    PyErr_Format(PyExc_ImportError, "cannot extract package %s: %s", package.c_str(), err.c_str());
    return "";
  }
  app.trace.Log("extracted %s to %s%s", package.c_str(), dir.c_str(), complete ? " (done by an earlier start)" : "");
  app.extracted[package] = dir;
  ListExtractedPackages(app, dir, package);
  return dir;
}

// Where module `name`'s files appear to live: the app, or the extraction
// directory of its --extract-package package. "" with a Python error.
std::string BaseFor(App& app, std::string_view name) {
  for (const auto& p : app.boot.extract_packages) {
    if (payload::IsModuleInPackage(name, p)) return ExtractedDir(app, p);
  }
  // A top-level data directory extracted (files_root): top-level modules
  // live beside it, as the script does (vm/main_runner.cc).
  if (app.boot.files_root && !app.files_dir.empty() && name.find('.') == std::string_view::npos) {
    long i = app.reader.FindModule(name);
    if (i >= 0 && app.reader.entry(static_cast<size_t>(i)).kind == payload::EntryKind::kModule)
      return app.files_dir;
  }
  return app.path;
}

// Bytecode from another CPython would be misread: the payload's magic must be
// this interpreter's. Checked at the first module load, the first moment
// importlib can say (the core phase has no _bootstrap_external yet).
void CheckMagicOnce(ImporterObject* im) {
  if (im->magic_checked) return;
  im->magic_checked = true;
  uint32_t mine = static_cast<uint32_t>(PyImport_GetMagicNumber());
  uint32_t theirs = im->app->reader.trailer().python_magic;
  if (mine != theirs) {
    char buf[160];
    snprintf(buf, sizeof(buf), "bytecode for another Python (magic %08x, this stub runs %08x)",
             theirs, mine);
    im->app->DamagedPayload(buf);
  }
}

PyObject* CodeForEntry(ImporterObject* im, long index, std::string_view name, PyObject* filename) {
  CheckMagicOnce(im);
  const App& app = *im->app;
  uint32_t magic = app.reader.trailer().python_magic;
  std::vector<uint8_t> storage;
  std::span<const uint8_t> pyc = app.EntryBytes(index, &storage);
  if (pyc.size() < payload::kPycHeaderSize || memcmp(pyc.data(), &magic, sizeof(magic)) != 0)
    app.DamagedPayload("module '" + std::string(name) + "' has a bad pyc header");
  PyObject* code = PyMarshal_ReadObjectFromString(
      reinterpret_cast<const char*>(pyc.data()) + payload::kPycHeaderSize,
      static_cast<Py_ssize_t>(pyc.size() - payload::kPycHeaderSize));
  if (!code || !PyCode_Check(code))
    app.DamagedPayload("module '" + std::string(name) + "' does not unmarshal to code");
  im->app->page_release.Done(app.reader.entry(static_cast<size_t>(index)).stored);
  // Bytecode is compiled with the archive-relative path; tracebacks want the
  // run-time one. This is what CPython's own SourceLoader does for pycs.
  PyObject* r = PyObject_CallFunctionObjArgs(im->fix_co_filename, code, filename, nullptr);
  if (!r) {
    Py_DECREF(code);
    return nullptr;
  }
  Py_DECREF(r);
  return code;
}

// --- methods ---------------------------------------------------------------

// The spec's package search location, for packages.
bool SetSearchLocation(PyObject* spec, const std::string& dir) {
  PyObject* search = Py_BuildValue("[s]", dir.c_str());
  int rc = search ? PyObject_SetAttrString(spec, "submodule_search_locations", search) : -1;
  Py_XDECREF(search);
  return rc == 0;
}

// The payload package whose directory `entry` is (<app>/a/b, or the same
// place in an extraction directory: "a.b"), or "" when it is none.
std::string PackageAt(const App& app, std::string_view entry) {
  std::string_view rel;
  auto under = [&](std::string_view base) {
    if (entry.size() <= base.size() + 1 || entry.compare(0, base.size(), base) != 0 ||
        entry[base.size()] != '/')
      return false;
    rel = entry.substr(base.size() + 1);
    return true;
  };
  bool found = under(app.path);
  for (auto it = app.extracted.begin(); !found && it != app.extracted.end(); ++it)
    found = under(it->second);
  if (!found) return "";
  std::string dotted(rel);
  for (char& c : dotted) if (c == '/') c = '.';
  long i = app.reader.FindModule(dotted);
  return i >= 0 && app.reader.entry(static_cast<size_t>(i)).kind == payload::EntryKind::kPackage
             ? dotted
             : "";
}

// Submodules are found through their parent's __path__, as PathFinder finds
// them: a package whose __path__ names another payload package's directory
// has its submodules there (_distutils_hack makes `distutils` a module whose
// __path__ is [<app>/setuptools/_distutils]: distutils.core is
// setuptools/_distutils/core.py, not the standard library's distutils/core.py).
// `path` entries outside the payload are PathFinder's; when there is no
// payload entry at all (a __path__ of disk directories only), the module of
// that name is the answer. False when the payload has no such module.
bool FindThroughPath(const App& app, std::string_view name, PyObject* path, BundledModule* m) {
  size_t dot = name.rfind('.');
  PyObject* it = dot == std::string_view::npos || path == Py_None ? nullptr : PyObject_GetIter(path);
  if (!it) {  // a top-level name, or a path entry finder's `target` (a module)
    PyErr_Clear();
    return FindBundled(app, name, m);
  }
  std::string_view parent = name.substr(0, dot), tail = name.substr(dot + 1);
  bool in_payload = false, found = false;
  while (PyObject* entry = PyIter_Next(it)) {
    std::string_view text;
    std::string package = PyUnicode_Check(entry) && Utf8View(entry, &text) ? PackageAt(app, text) : "";
    PyErr_Clear();
    Py_DECREF(entry);
    if (package.empty()) continue;
    in_payload = true;
    if (FindBundled(app, package == parent ? std::string(name) : package + "." + std::string(tail), m)) {
      found = true;
      break;
    }
  }
  Py_DECREF(it);
  PyErr_Clear();
  return found || (!in_payload && FindBundled(app, name, m));
}

PyObject* FindSpec(PyObject* self, PyObject* args, PyObject* kwargs) {
  static const char* kwlist[] = {"fullname", "path", "target", nullptr};
  PyObject *fullname, *path = Py_None, *target = Py_None;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "U|OO:find_spec",
                                   const_cast<char**>(kwlist), &fullname, &path, &target))
    return nullptr;
  std::string_view name;
  if (!Utf8View(fullname, &name)) return nullptr;
  // The entry script is stored as module __main__ but is no module:
  // runpy.run_path(DIR or ZIP) and run_module("__main__") after
  // sys.path.insert look for the __main__ of a path, never the app's.
  if (name == "__main__") Py_RETURN_NONE;
  App& app = ImporterApp(self);
  BundledModule m;
  if (!FindThroughPath(app, name, path, &m)) Py_RETURN_NONE;
  std::string base = BaseFor(app, m.name);
  if (base.empty()) return nullptr;

  PyObject* origin = PyUnicode_FromString((base + "/" + m.rel_path).c_str());
  PyObject* state = PyLong_FromLong(m.index);
  PyObject* kw = Py_BuildValue("{sOsOsO}", "origin", origin, "loader_state", state,
                               "is_package",
                               m.kind == payload::EntryKind::kPackage ? Py_True : Py_False);
  Py_XDECREF(origin);
  Py_XDECREF(state);
  if (!kw) return nullptr;
  PyObject* spec_args = PyTuple_Pack(2, fullname, self);
  PyObject* spec = spec_args ? PyObject_Call(Importer(self)->module_spec, spec_args, kw) : nullptr;
  Py_XDECREF(spec_args);
  Py_DECREF(kw);
  if (!spec) return nullptr;
  if ((m.kind == payload::EntryKind::kPackage &&
       !SetSearchLocation(spec, base + "/" + m.package_dir)) ||
      PyObject_SetAttrString(spec, "has_location", Py_True) < 0) {
    Py_DECREF(spec);
    return nullptr;
  }
  return spec;
}

// Index of the entry a spec of ours refers to, or -1 with an error set.
long SpecIndex(const App& app, PyObject* spec, std::string* name) {
  PyObject* state = PyObject_GetAttrString(spec, "loader_state");
  PyObject* name_obj = PyObject_GetAttrString(spec, "name");
  long index = -1;
  if (state && name_obj && PyLong_Check(state)) {
    index = PyLong_AsLong(state);
    std::string_view n;
    if (Utf8View(name_obj, &n)) *name = n;
  }
  if (index < 0 || static_cast<size_t>(index) >= app.reader.size()) {
    if (!PyErr_Occurred()) PyErr_SetString(PyExc_ImportError, "spec does not come from the payload");
    index = -1;
  }
  Py_XDECREF(state);
  Py_XDECREF(name_obj);
  return index;
}

PyObject* CreateModule(PyObject* self, PyObject* spec) {
  App& app = ImporterApp(self);
  std::string name;
  long index = SpecIndex(app, spec, &name);
  if (index < 0) return nullptr;
  if (app.reader.entry(static_cast<size_t>(index)).kind != payload::EntryKind::kExtension)
    Py_RETURN_NONE;  // default module creation
  return CreateExtensionModule(app, Importer(self)->extensions, spec, index, name);
}

PyObject* ExecModule(PyObject* self, PyObject* module) {
  ImporterObject* im = Importer(self);
  PyObject* spec = PyObject_GetAttrString(module, "__spec__");
  if (!spec) return nullptr;
  std::string name;
  long index = SpecIndex(*im->app, spec, &name);
  PyObject* origin = index >= 0 ? PyObject_GetAttrString(spec, "origin") : nullptr;
  Py_DECREF(spec);
  if (!origin) return nullptr;
  if (im->app->reader.entry(static_cast<size_t>(index)).kind == payload::EntryKind::kExtension) {
    Py_DECREF(origin);
    ProcessImportGcPause().Enter();
    PyObject* r = ExecExtensionModule(im->extensions, module);
    ProcessImportGcPause().Leave();
    return r;
  }
  // --debug-imports: python -v says which file each code object came from;
  // here it is a member of the app (before importlib's "import 'x' # ...").
  if (im->app->boot.trace_imports)
    PySys_FormatStderr("# code object from payload member '%s' of '%s'\n",
                       std::string(im->app->reader.entry(static_cast<size_t>(index)).name).c_str(),
                       im->app->path.c_str());
  PyObject* code = CodeForEntry(im, index, name, origin);
  Py_DECREF(origin);
  if (!code) return nullptr;
  PyObject* dict = PyModule_GetDict(module);  // borrowed
  // Through importlib's marker so tracebacks drop the import machinery's
  // frames, exactly as they do for modules python loads from disk.
  ProcessImportGcPause().Enter();
  PyObject* r = PyObject_CallFunctionObjArgs(im->frames_removed, im->exec, code, dict, nullptr);
  ProcessImportGcPause().Leave();
  Py_DECREF(code);
  if (!r) return nullptr;
  Py_DECREF(r);
  if (im->app->boot.sources) AfterModuleExec(name, module, self);
  // pkg_resources knows file-system and zipimport importers only.
  if (name == "pkg_resources" && !AfterPkgResources(self, module)) return nullptr;
  // Where multiprocessing starts its children: taught to pass the child key.
  if (name == "multiprocessing.util" && !AfterMultiprocessingUtil(*im->app, module)) return nullptr;
  // Where subprocess starts programs: the app's own children get the key.
  if (name == "subprocess" && !AfterSubprocess(*im->app, module)) return nullptr;
  Py_RETURN_NONE;
}

PyObject* GetCode(PyObject* self, PyObject* fullname) {
  App& app = ImporterApp(self);
  BundledModule m;
  if (!LookUp(self, fullname, &m)) return nullptr;
  if (m.kind == payload::EntryKind::kExtension) Py_RETURN_NONE;
  std::string base = BaseFor(app, m.name);
  if (base.empty()) return nullptr;
  PyObject* filename = PyUnicode_FromString((base + "/" + m.rel_path).c_str());
  if (!filename) return nullptr;
  PyObject* code = CodeForEntry(Importer(self), m.index, m.name, filename);
  Py_DECREF(filename);
  return code;
}

PyObject* GetSource(PyObject* self, PyObject* fullname) {
  App& app = ImporterApp(self);
  BundledModule m;
  if (!LookUp(self, fullname, &m)) return nullptr;
  long i = app.reader.FindFile(m.rel_path);
  if (i < 0 || app.reader.entry(static_cast<size_t>(i)).kind != payload::EntryKind::kSource)
    Py_RETURN_NONE;  // sourceless build
  std::vector<uint8_t> storage;
  std::span<const uint8_t> bytes = app.EntryBytes(i, &storage);
  PyObject* raw = PyBytes_FromStringAndSize(reinterpret_cast<const char*>(bytes.data()),
                                            static_cast<Py_ssize_t>(bytes.size()));
  if (!raw) return nullptr;
  // The same decoding as importlib's (PEP 263 cookie, universal newlines).
  PyObject* external = PyImport_ImportModule("_frozen_importlib_external");
  PyObject* text = external ? PyObject_CallMethod(external, "decode_source", "O", raw) : nullptr;
  Py_XDECREF(external);
  Py_DECREF(raw);
  return text;
}

PyObject* IsPackage(PyObject* self, PyObject* fullname) {
  BundledModule m;
  if (!LookUp(self, fullname, &m)) return nullptr;
  return PyBool_FromLong(m.kind == payload::EntryKind::kPackage);
}

PyObject* GetFilename(PyObject* self, PyObject* fullname) {
  BundledModule m;
  if (!LookUp(self, fullname, &m)) return nullptr;
  std::string base = BaseFor(ImporterApp(self), m.name);
  return base.empty() ? nullptr : PyUnicode_FromString((base + "/" + m.rel_path).c_str());
}

// get_data(path): zipimport's contract; a path inside the app or relative
// to it names an archive member.
PyObject* GetData(PyObject* self, PyObject* path_obj) {
  const App& app = ImporterApp(self);
  PyObject* fs = nullptr;
  if (!PyUnicode_FSDecoder(path_obj, &fs)) return nullptr;
  std::string_view path;
  if (!Utf8View(fs, &path)) { Py_DECREF(fs); return nullptr; }
  std::string_view rel = path;
  std::string prefix = app.path + "/";
  if (rel.substr(0, prefix.size()) == prefix) {
    rel.remove_prefix(prefix.size());
  } else if (!app.files_dir.empty() && rel.substr(0, app.files_dir.size() + 1) == app.files_dir + "/") {
    rel.remove_prefix(app.files_dir.size() + 1);  // beside a script moved there (files_root)
  } else {
    for (const auto& [package, dir] : app.extracted) {
      if (rel.substr(0, dir.size() + 1) == dir + "/") {
        rel.remove_prefix(dir.size() + 1);
        break;
      }
    }
  }
  long i = app.reader.FindFile(rel);
  if (i < 0 || payload::IsModuleKind(app.reader.entry(static_cast<size_t>(i)).kind)) {
    errno = ENOENT;
    PyErr_SetFromErrnoWithFilenameObject(PyExc_OSError, fs);
    Py_DECREF(fs);
    return nullptr;
  }
  Py_DECREF(fs);
  std::vector<uint8_t> storage;
  std::span<const uint8_t> bytes = app.EntryBytes(i, &storage);
  return PyBytes_FromStringAndSize(reinterpret_cast<const char*>(bytes.data()),
                                   static_cast<Py_ssize_t>(bytes.size()));
}

PyObject* AppPath(PyObject* self, void*) {
  return PyUnicode_DecodeFSDefault(ImporterApp(self).path.c_str());
}

PyGetSetDef kGetSet[] = {{"_app_path", AppPath, nullptr, "The app: the directory modules live in.", nullptr},
                         {nullptr, nullptr, nullptr, nullptr, nullptr}};

PyObject* InvalidateCaches(PyObject*, PyObject*) { Py_RETURN_NONE; }

PyObject* Repr(PyObject* self) {
  return PyUnicode_FromFormat("<PayloadImporter %s>", ImporterApp(self).path.c_str());
}

PyMethodDef kMethods[] = {
    {"find_spec", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)(void)>(FindSpec)),
     METH_VARARGS | METH_KEYWORDS, "Spec of a bundled module, or None."},
    {"create_module", CreateModule, METH_O, "Extension modules via memfd; else None."},
    {"exec_module", ExecModule, METH_O, "Run the module's bytecode in its namespace."},
    {"get_code", GetCode, METH_O, "Code object of a bundled module."},
    {"get_source", GetSource, METH_O, "Source if bundled (--include-source), else None."},
    {"is_package", IsPackage, METH_O, "Whether the module is a package."},
    {"get_filename", GetFilename, METH_O, "Path of the module inside the app."},
    {"get_data", GetData, METH_O, "Bytes of a file inside the app."},
    {"invalidate_caches", InvalidateCaches, METH_NOARGS, "Nothing to invalidate."},
    {"get_resource_reader", GetResourceReader, METH_O, "importlib.resources reader of a package."},
    {"find_distributions", FindDistributions, METH_VARARGS, "importlib.metadata distributions."},
    {"iter_modules", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)(void)>(IterModules)),
     METH_VARARGS | METH_KEYWORDS, "pkgutil: the payload's top-level modules (the app's sys.path entry)."},
    {"_payload_listdir", PayloadListdir, METH_O, "Names directly under an archive directory."},
    {"_payload_isdir", PayloadIsdir, METH_O, "Whether an archive directory exists."},
    {"_payload_isfile", PayloadIsfile, METH_O, "Whether an archive file exists."},
    {"_payload_metadata_dirs", PayloadMetadataDirs, METH_NOARGS, "Bundled *.dist-info/*.egg-info."},
    {nullptr, nullptr, 0, nullptr}};

PyType_Slot kSlots[] = {
    {Py_tp_methods, kMethods},
    {Py_tp_getset, kGetSet},
    {Py_tp_repr, reinterpret_cast<void*>(Repr)},
    {Py_tp_doc, const_cast<char*>("Finder and loader for modules in the app's payload.")},
    {0, nullptr}};

PyType_Spec kSpec = {"freezer.PayloadImporter", sizeof(ImporterObject), 0, Py_TPFLAGS_DEFAULT,
                     kSlots};

// The importer's CPython callables; false with an exception set.
bool LookUpCallables(ImporterObject* im) {
  return (im->module_spec = ModuleAttr("_frozen_importlib", "ModuleSpec")) &&
         (im->frames_removed = ModuleAttr("_frozen_importlib", "_call_with_frames_removed")) &&
         (im->exec = ModuleAttr("builtins", "exec")) &&
         (im->fix_co_filename = ModuleAttr("_imp", "_fix_co_filename")) &&
         LookUpExtensionFunctions(&im->extensions);
}

}  // namespace

App& ImporterApp(PyObject* importer) { return *Importer(importer)->app; }

std::string ModuleBase(App& app, std::string_view name) { return BaseFor(app, name); }

bool InstallPayloadImporter(App* app, std::string* err) {
  PyObject* type = PyType_FromSpec(&kSpec);
  PyObject* importer = type ? PyType_GenericAlloc(reinterpret_cast<PyTypeObject*>(type), 0) : nullptr;
  Py_XDECREF(type);  // the instance holds its heap type
  if (importer) Importer(importer)->app = app;
  PyObject* meta_path = PySys_GetObject("meta_path");  // borrowed
  if (!importer || !LookUpCallables(Importer(importer)) || !meta_path ||
      PyList_Append(meta_path, importer) < 0) {
    *err = "cannot install the payload importer";
    if (PyErr_Occurred()) PyErr_Print();
    return false;
  }
  app->importer = importer;
  InstallAppPathExtensionLoading(*app, Importer(importer)->extensions);
  app->trace.Log("payload importer installed (%zu entries)", app->reader.size());
  return true;
}

PyObject* BundledModuleCode(App& app, const char* module_name, const std::string& filename) {
  long i = app.reader.FindModule(module_name);
  if (i < 0) app.DamagedPayload(std::string("no module '") + module_name + "'");
  PyObject* f = PyUnicode_FromString(filename.c_str());
  if (!f) return nullptr;
  PyObject* code = CodeForEntry(Importer(app.importer), i, module_name, f);
  Py_DECREF(f);
  return code;
}

}  // namespace vm
