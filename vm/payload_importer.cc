#include "vm/payload_importer.h"

#include <errno.h>
#include <marshal.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <string_view>
#include <map>
#include <vector>

#include "vm/boot_trace.h"
#include "archive/native_manifest.h"
#include "archive/python_abi.h"
#include "vm/native_loader.h"
#include "vm/payload_views.h"
#include "vm/private_cache.h"
#include "vm/source_hooks.h"

namespace vm {

namespace {

struct ImporterState {
  const payload::PayloadReader* reader = nullptr;
  std::string app_path;
  std::string program_name;
  bool sources = false;
  uint32_t magic = 0;
  PyObject* importer = nullptr;
  PyObject* module_spec = nullptr;     // _frozen_importlib.ModuleSpec
  PyObject* frames_removed = nullptr;  // _frozen_importlib._call_with_frames_removed
  PyObject* exec = nullptr;            // builtins.exec
  PyObject* fix_co_filename = nullptr; // _imp._fix_co_filename
  PyObject* create_dynamic = nullptr;  // _imp.create_dynamic
  PyObject* exec_dynamic = nullptr;    // _imp.exec_dynamic
  PyObject* namespace_type = nullptr;  // types.SimpleNamespace
  NativeLoader native;
  std::string digest_hex;
  std::vector<std::string> extract_packages;
  std::map<std::string, std::string> extracted;  // package -> directory its files are in
  bool native_manifest_read = false;
  payload::NativeManifest native_manifest;
};
ImporterState g;

// A bundled module: its index entry and its path inside the app.
struct BundledModule {
  long index = -1;
  payload::EntryKind kind = payload::EntryKind::kModule;
  std::string rel_path;  // "a/b.py", "a/b/__init__.py", "a/_x.abi3.so"
  std::string package_dir;  // "a/b" for packages
};

bool FindBundled(std::string_view name, BundledModule* out) {
  std::string base(name);
  for (char& c : base) if (c == '.') c = '/';
  long i = g.reader->FindModule(name);
  if (i >= 0) {
    out->index = i;
    out->kind = g.reader->entry(static_cast<size_t>(i)).kind;
    if (out->kind == payload::EntryKind::kPackage) {
      out->rel_path = base + "/__init__.py";
      out->package_dir = base;
    } else {
      out->rel_path = base + ".py";
    }
    return true;
  }
  for (std::string_view suffix : payload::kExtensionSuffixes) {
    std::string path = base + std::string(suffix);
    i = g.reader->FindFile(path);
    if (i >= 0 && g.reader->entry(static_cast<size_t>(i)).kind ==
                      payload::EntryKind::kExtension) {
      out->index = i;
      out->kind = payload::EntryKind::kExtension;
      out->rel_path = std::move(path);
      return true;
    }
  }
  return false;
}


bool ModuleName(PyObject* obj, std::string_view* name) {
  Py_ssize_t n;
  const char* s = PyUnicode_AsUTF8AndSize(obj, &n);
  if (!s) return false;
  *name = std::string_view(s, static_cast<size_t>(n));
  return true;
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

// Reads an entry, CRC-checked; a failure is fatal.
std::span<const uint8_t> EntryBytes(long index, std::vector<uint8_t>* storage) {
  std::span<const uint8_t> bytes;
  std::string err;
  if (!g.reader->Read(static_cast<size_t>(index), &bytes, storage, &err))
    DamagedPayload(err);
  return bytes;
}

// --extract-package: the package's files are written once to the private
// cache and its modules' __file__/__path__ point there, for code that opens
// files next to __file__. Returns the directory, or "" with a Python error.
std::string ExtractedDir(const std::string& package) {
  auto done = g.extracted.find(package);
  if (done != g.extracted.end()) return done->second;
  std::string dir, err;
  if (!PrivatePayloadDir("files", g.digest_hex, &dir, &err)) {
    PyErr_Format(PyExc_ImportError, "cannot extract package %s: %s", package.c_str(), err.c_str());
    return "";
  }
  std::string prefix = package;
  for (char& c : prefix) if (c == '.') c = '/';
  prefix += "/";
  for (size_t i = 0; i < g.reader->size(); ++i) {
    payload::EntryView e = g.reader->entry(i);
    if (payload::IsModuleKind(e.kind) || e.name.compare(0, prefix.size(), prefix) != 0) continue;
    std::vector<uint8_t> storage;
    std::span<const uint8_t> bytes = EntryBytes(static_cast<long>(i), &storage);
    if (!PutPrivateFile(dir, std::string(e.name), bytes, 0600, &err)) {
      PyErr_Format(PyExc_ImportError, "cannot extract package %s: %s", package.c_str(), err.c_str());
      return "";
    }
  }
  BootTrace("extracted %s to %s", package.c_str(), dir.c_str());
  g.extracted[package] = dir;
  return dir;
}

// Where module `name`'s files appear to live: the app, or the extraction
// directory of its --extract-package package. "" with a Python error.
std::string BaseFor(std::string_view name) {
  for (const auto& p : g.extract_packages) {
    if (name == p || (name.size() > p.size() && name.compare(0, p.size(), p) == 0 &&
                      name[p.size()] == '.'))
      return ExtractedDir(p);
  }
  return g.app_path;
}

// Bytecode from another CPython would be misread: the payload's magic must be
// this interpreter's. Checked at the first module load, the first moment
// importlib can say (the core phase has no _bootstrap_external yet).
void CheckMagicOnce() {
  static bool checked = false;
  if (checked) return;
  checked = true;
  uint32_t mine = static_cast<uint32_t>(PyImport_GetMagicNumber());
  if (mine != g.magic) {
    char buf[160];
    snprintf(buf, sizeof(buf), "bytecode for another Python (magic %08x, this stub runs %08x)",
             g.magic, mine);
    DamagedPayload(buf);
  }
}

PyObject* CodeForEntry(long index, std::string_view name, PyObject* filename) {
  CheckMagicOnce();
  std::vector<uint8_t> storage;
  std::span<const uint8_t> pyc = EntryBytes(index, &storage);
  if (pyc.size() < payload::kPycHeaderSize ||
      memcmp(pyc.data(), &g.magic, sizeof(g.magic)) != 0)
    DamagedPayload("module '" + std::string(name) + "' has a bad pyc header");
  PyObject* code = PyMarshal_ReadObjectFromString(
      reinterpret_cast<const char*>(pyc.data()) + payload::kPycHeaderSize,
      static_cast<Py_ssize_t>(pyc.size() - payload::kPycHeaderSize));
  if (!code || !PyCode_Check(code))
    DamagedPayload("module '" + std::string(name) + "' does not unmarshal to code");
  // Bytecode is compiled with the archive-relative path; tracebacks want the
  // run-time one. This is what CPython's own SourceLoader does for pycs.
  PyObject* r = PyObject_CallFunctionObjArgs(g.fix_co_filename, code, filename, nullptr);
  if (!r) {
    Py_DECREF(code);
    return nullptr;
  }
  Py_DECREF(r);
  return code;
}

// Loads the libraries an extension needs, then the extension itself; returns
// the path CPython's loader should dlopen to get it.
bool LoadExtension(long index, std::string* path, std::string* err) {
  if (!g.native_manifest_read) {
    g.native_manifest_read = true;
    std::string text, perr;
    switch (g.reader->ReadText(payload::kNativeManifestPath, &text, &perr)) {
      case payload::PayloadReader::TextResult::kAbsent: break;
      case payload::PayloadReader::TextResult::kDamaged: DamagedPayload(perr); break;
      case payload::PayloadReader::TextResult::kOk:
        if (!payload::ParseNativeManifest(text, &g.native_manifest, &perr)) DamagedPayload(perr);
        break;
    }
  }
  std::string archive_path(g.reader->entry(static_cast<size_t>(index)).name);
  auto pre = g.native_manifest.preload.find(archive_path);
  if (pre != g.native_manifest.preload.end()) {
    for (const auto& lib : pre->second) {
      std::string lib_path;
      if (!g.native.Load(lib, &lib_path, err)) return false;
    }
  }
  return g.native.Load(archive_path, path, err);
}

// --- methods ---------------------------------------------------------------

PyObject* FindSpec(PyObject* self, PyObject* args, PyObject* kwargs) {
  static const char* kwlist[] = {"fullname", "path", "target", nullptr};
  PyObject *fullname, *path = Py_None, *target = Py_None;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "U|OO:find_spec",
                                   const_cast<char**>(kwlist), &fullname, &path, &target))
    return nullptr;
  std::string_view name;
  if (!ModuleName(fullname, &name)) return nullptr;
  BundledModule m;
  if (!FindBundled(name, &m)) Py_RETURN_NONE;
  std::string base = BaseFor(name);
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
  PyObject* spec = spec_args ? PyObject_Call(g.module_spec, spec_args, kw) : nullptr;
  Py_XDECREF(spec_args);
  Py_DECREF(kw);
  if (!spec) return nullptr;
  if (m.kind == payload::EntryKind::kPackage) {
    PyObject* search = Py_BuildValue("[s]", (base + "/" + m.package_dir).c_str());
    int rc = search ? PyObject_SetAttrString(spec, "submodule_search_locations", search) : -1;
    Py_XDECREF(search);
    if (rc < 0) { Py_DECREF(spec); return nullptr; }
  }
  if (PyObject_SetAttrString(spec, "has_location", Py_True) < 0) {
    Py_DECREF(spec);
    return nullptr;
  }
  return spec;
}

// Index of the entry a spec of ours refers to, or -1 with an error set.
long SpecIndex(PyObject* spec, std::string* name) {
  PyObject* state = PyObject_GetAttrString(spec, "loader_state");
  PyObject* name_obj = PyObject_GetAttrString(spec, "name");
  long index = -1;
  if (state && name_obj && PyLong_Check(state)) {
    index = PyLong_AsLong(state);
    std::string_view n;
    if (ModuleName(name_obj, &n)) *name = n;
  }
  if (index < 0 || static_cast<size_t>(index) >= g.reader->size()) {
    if (!PyErr_Occurred()) PyErr_SetString(PyExc_ImportError, "spec does not come from the payload");
    index = -1;
  }
  Py_XDECREF(state);
  Py_XDECREF(name_obj);
  return index;
}

PyObject* CreateModule(PyObject*, PyObject* spec) {
  std::string name;
  long index = SpecIndex(spec, &name);
  if (index < 0) return nullptr;
  if (g.reader->entry(static_cast<size_t>(index)).kind != payload::EntryKind::kExtension)
    Py_RETURN_NONE;  // default module creation
  std::string fd_path, err;
  if (!LoadExtension(index, &fd_path, &err)) {
    PyErr_Format(PyExc_ImportError, "cannot load extension %s: %s", name.c_str(), err.c_str());
    return nullptr;
  }
  BootTrace("extension %s -> %s", name.c_str(), fd_path.c_str());
  // CPython's loader dlopens spec.origin; hand it the memfd path, then give
  // the module its path inside the app.
  PyObject* proxy = PyObject_CallNoArgs(g.namespace_type);
  PyObject* name_obj = PyUnicode_FromString(name.c_str());
  PyObject* fd_obj = PyUnicode_FromString(fd_path.c_str());
  PyObject* module = nullptr;
  if (proxy && name_obj && fd_obj && PyObject_SetAttrString(proxy, "name", name_obj) == 0 &&
      PyObject_SetAttrString(proxy, "origin", fd_obj) == 0) {
    module = PyObject_CallOneArg(g.create_dynamic, proxy);
  }
  Py_XDECREF(proxy);
  Py_XDECREF(name_obj);
  Py_XDECREF(fd_obj);
  if (module && PyModule_Check(module)) {
    PyObject* origin = PyObject_GetAttrString(spec, "origin");
    if (!origin || PyObject_SetAttrString(module, "__file__", origin) < 0) {
      Py_XDECREF(origin);
      Py_DECREF(module);
      return nullptr;
    }
    Py_DECREF(origin);
  }
  return module;
}

PyObject* ExecModule(PyObject*, PyObject* module) {
  PyObject* spec = PyObject_GetAttrString(module, "__spec__");
  if (!spec) return nullptr;
  std::string name;
  long index = SpecIndex(spec, &name);
  PyObject* origin = index >= 0 ? PyObject_GetAttrString(spec, "origin") : nullptr;
  Py_DECREF(spec);
  if (!origin) return nullptr;
  if (g.reader->entry(static_cast<size_t>(index)).kind == payload::EntryKind::kExtension) {
    Py_DECREF(origin);
    return PyObject_CallOneArg(g.exec_dynamic, module) ? Py_NewRef(Py_None) : nullptr;
  }
  PyObject* code = CodeForEntry(index, name, origin);
  Py_DECREF(origin);
  if (!code) return nullptr;
  PyObject* dict = PyModule_GetDict(module);  // borrowed
  // Through importlib's marker so tracebacks drop the import machinery's
  // frames, exactly as they do for modules python loads from disk.
  PyObject* r = PyObject_CallFunctionObjArgs(g.frames_removed, g.exec, code, dict, nullptr);
  Py_DECREF(code);
  if (!r) return nullptr;
  Py_DECREF(r);
  if (g.sources) AfterModuleExec(name, module, g.importer);
  Py_RETURN_NONE;
}

PyObject* GetCode(PyObject*, PyObject* fullname) {
  std::string_view name;
  if (!ModuleName(fullname, &name)) return nullptr;
  BundledModule m;
  if (!FindBundled(name, &m)) return RaiseNotBundled(name);
  if (m.kind == payload::EntryKind::kExtension) Py_RETURN_NONE;
  std::string base = BaseFor(name);
  if (base.empty()) return nullptr;
  PyObject* filename = PyUnicode_FromString((base + "/" + m.rel_path).c_str());
  if (!filename) return nullptr;
  PyObject* code = CodeForEntry(m.index, name, filename);
  Py_DECREF(filename);
  return code;
}

PyObject* GetSource(PyObject*, PyObject* fullname) {
  std::string_view name;
  if (!ModuleName(fullname, &name)) return nullptr;
  BundledModule m;
  if (!FindBundled(name, &m)) return RaiseNotBundled(name);
  long i = g.reader->FindFile(m.rel_path);
  if (i < 0 || g.reader->entry(static_cast<size_t>(i)).kind != payload::EntryKind::kSource)
    Py_RETURN_NONE;  // sourceless build
  std::vector<uint8_t> storage;
  std::span<const uint8_t> bytes = EntryBytes(i, &storage);
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

PyObject* IsPackage(PyObject*, PyObject* fullname) {
  std::string_view name;
  if (!ModuleName(fullname, &name)) return nullptr;
  BundledModule m;
  if (!FindBundled(name, &m)) return RaiseNotBundled(name);
  return PyBool_FromLong(m.kind == payload::EntryKind::kPackage);
}

PyObject* GetFilename(PyObject*, PyObject* fullname) {
  std::string_view name;
  if (!ModuleName(fullname, &name)) return nullptr;
  BundledModule m;
  if (!FindBundled(name, &m)) return RaiseNotBundled(name);
  std::string base = BaseFor(name);
  if (base.empty()) return nullptr;
  return PyUnicode_FromString((base + "/" + m.rel_path).c_str());
}

// get_data(path): zipimport's contract; a path inside the app or relative
// to it names an archive member.
PyObject* GetData(PyObject*, PyObject* path_obj) {
  PyObject* fs = nullptr;
  if (!PyUnicode_FSDecoder(path_obj, &fs)) return nullptr;
  std::string_view path;
  if (!ModuleName(fs, &path)) { Py_DECREF(fs); return nullptr; }
  std::string_view rel = path;
  std::string prefix = g.app_path + "/";
  if (rel.substr(0, prefix.size()) == prefix) {
    rel.remove_prefix(prefix.size());
  } else {
    for (const auto& [package, dir] : g.extracted) {
      if (rel.substr(0, dir.size() + 1) == dir + "/") {
        rel.remove_prefix(dir.size() + 1);
        break;
      }
    }
  }
  long i = g.reader->FindFile(rel);
  if (i < 0 || payload::IsModuleKind(g.reader->entry(static_cast<size_t>(i)).kind)) {
    errno = ENOENT;
    PyErr_SetFromErrnoWithFilenameObject(PyExc_OSError, fs);
    Py_DECREF(fs);
    return nullptr;
  }
  Py_DECREF(fs);
  std::vector<uint8_t> storage;
  std::span<const uint8_t> bytes = EntryBytes(i, &storage);
  return PyBytes_FromStringAndSize(reinterpret_cast<const char*>(bytes.data()),
                                   static_cast<Py_ssize_t>(bytes.size()));
}

PyObject* AppPath(PyObject*, void*) { return PyUnicode_DecodeFSDefault(g.app_path.c_str()); }

PyGetSetDef kGetSet[] = {{"_app_path", AppPath, nullptr, "The app: the directory modules live in.", nullptr},
                         {nullptr, nullptr, nullptr, nullptr, nullptr}};

PyObject* InvalidateCaches(PyObject*, PyObject*) { Py_RETURN_NONE; }

PyObject* Repr(PyObject*) {
  return PyUnicode_FromFormat("<PayloadImporter %s>", g.app_path.c_str());
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

PyType_Spec kSpec = {"freezer.PayloadImporter", sizeof(PyObject), 0, Py_TPFLAGS_DEFAULT, kSlots};

PyObject* Attr(const char* module, const char* attr) {
  PyObject* m = PyImport_ImportModule(module);
  if (!m) return nullptr;
  PyObject* a = PyObject_GetAttrString(m, attr);
  Py_DECREF(m);
  return a;
}

}  // namespace

[[noreturn]] void DamagedPayload(const std::string& what) {
  fflush(stdout);
  fprintf(stderr, "%s: damaged payload: %s\n", g.program_name.c_str(), what.c_str());
  fflush(stderr);
  _exit(1);
}

bool InstallPayloadImporter(const ImporterSetup& setup, std::string* err) {
  g.reader = setup.reader;
  g.app_path = setup.app_path;
  g.program_name = setup.program_name;
  g.sources = setup.sources;
  g.magic = setup.reader->trailer().python_magic;
  static const char kHex[] = "0123456789abcdef";
  std::string digest_hex;
  for (int i = 0; i < 16; ++i) {
    uint8_t b = setup.reader->index_header().sha256[i];
    digest_hex += kHex[b >> 4];
    digest_hex += kHex[b & 15];
  }
  g.native.Init(setup.reader, digest_hex);
  InitPayloadViews(setup.reader);
  g.digest_hex = digest_hex;
  g.extract_packages = setup.extract_packages;
  g.module_spec = Attr("_frozen_importlib", "ModuleSpec");
  g.frames_removed = Attr("_frozen_importlib", "_call_with_frames_removed");
  g.exec = Attr("builtins", "exec");
  g.fix_co_filename = Attr("_imp", "_fix_co_filename");
  g.create_dynamic = Attr("_imp", "create_dynamic");
  g.exec_dynamic = Attr("_imp", "exec_dynamic");
  PyObject* impl = PySys_GetObject("implementation");  // a SimpleNamespace
  g.namespace_type = impl ? Py_NewRef(reinterpret_cast<PyObject*>(Py_TYPE(impl))) : nullptr;
  PyObject* type = PyType_FromSpec(&kSpec);
  g.importer = type ? PyType_GenericAlloc(reinterpret_cast<PyTypeObject*>(type), 0) : nullptr;
  Py_XDECREF(type);
  PyObject* meta_path = PySys_GetObject("meta_path");  // borrowed
  if (!g.module_spec || !g.frames_removed || !g.exec || !g.fix_co_filename ||
      !g.create_dynamic || !g.exec_dynamic || !g.namespace_type || !g.importer ||
      !meta_path || PyList_Append(meta_path, g.importer) < 0) {
    *err = "cannot install the payload importer";
    if (PyErr_Occurred()) PyErr_Print();
    return false;
  }
  BootTrace("payload importer installed (%zu entries)", g.reader->size());
  return true;
}

PyObject* PayloadImporter() { return g.importer; }

PyObject* BundledModuleCode(const char* module_name, const std::string& filename) {
  long i = g.reader->FindModule(module_name);
  if (i < 0) DamagedPayload(std::string("no module '") + module_name + "'");
  PyObject* f = PyUnicode_FromString(filename.c_str());
  if (!f) return nullptr;
  PyObject* code = CodeForEntry(i, module_name, f);
  Py_DECREF(f);
  return code;
}

}  // namespace vm
