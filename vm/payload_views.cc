#include "vm/payload_views.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "archive/member_paths.h"
#include "vm/payload_importer.h"
#include "vm/python_values.h"

namespace vm {

namespace {

const payload::PayloadReader& ReaderOf(PyObject* importer) { return ImporterApp(importer).reader; }

bool IsUnder(std::string_view path, std::string_view dir) {
  return dir.empty() || (path.size() > dir.size() && path.compare(0, dir.size(), dir) == 0 &&
                         path[dir.size()] == '/');
}

// Archive path of every entry, modules as their package directories.
template <typename Fn>
void ForEachPath(const payload::PayloadReader& reader, Fn fn) {
  for (size_t i = 0; i < reader.size(); ++i) {
    payload::EntryView e = reader.entry(i);
    if (e.kind == payload::EntryKind::kPackage) {
      std::string dir(e.name);
      for (char& c : dir) if (c == '.') c = '/';
      fn(dir + "/__init__.pyc", e.kind);
    } else if (!payload::IsModuleKind(e.kind)) {
      fn(std::string(e.name), e.kind);
    }
  }
}

PyObject* RelArg(PyObject* arg, std::string* rel) {
  std::string_view v;
  if (!Utf8View(arg, &v)) return nullptr;
  *rel = std::string(v);
  while (!rel->empty() && rel->back() == '/') rel->pop_back();
  return arg;
}

PyObject* SupportCall(const char* function, PyObject* a, PyObject* b) {
  PyObject* support = PyImport_ImportModule(payload::kResourcesSupportModule.data());
  if (!support) return nullptr;
  PyObject* r = PyObject_CallMethod(support, function, "OO", a, b);
  Py_DECREF(support);
  return r;
}

}  // namespace

PyObject* PayloadListdir(PyObject* self, PyObject* arg) {
  std::string rel;
  if (!RelArg(arg, &rel)) return nullptr;
  std::vector<std::string> names;
  ForEachPath(ReaderOf(self), [&](const std::string& path, payload::EntryKind kind) {
    if (kind == payload::EntryKind::kBootConfig || !IsUnder(path, rel)) return;
    std::string rest = path.substr(rel.empty() ? 0 : rel.size() + 1);
    std::string child = rest.substr(0, rest.find('/'));
    if (kind == payload::EntryKind::kPackage && child == "__init__.pyc") return;
    if (names.empty() || names.back() != child) names.push_back(child);
  });
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return NewStringList(names, TextEncoding::kUtf8);
}

PyObject* PayloadIsdir(PyObject* self, PyObject* arg) {
  std::string rel;
  if (!RelArg(arg, &rel)) return nullptr;
  bool found = rel.empty();
  ForEachPath(ReaderOf(self),
              [&](const std::string& path, payload::EntryKind) { found = found || IsUnder(path, rel); });
  return PyBool_FromLong(found);
}

PyObject* PayloadIsfile(PyObject* self, PyObject* arg) {
  std::string rel;
  if (!RelArg(arg, &rel)) return nullptr;
  const payload::PayloadReader& reader = ReaderOf(self);
  long i = reader.FindFile(rel);
  return PyBool_FromLong(i >= 0 && reader.entry(static_cast<size_t>(i)).kind !=
                                       payload::EntryKind::kBootConfig);
}

PyObject* PayloadMetadataDirs(PyObject* self, PyObject*) {
  std::vector<std::string> dirs;
  ForEachPath(ReaderOf(self), [&](const std::string& path, payload::EntryKind kind) {
    if (kind != payload::EntryKind::kMetadata) return;
    std::string top = path.substr(0, path.find('/'));
    if (std::find(dirs.begin(), dirs.end(), top) == dirs.end()) dirs.push_back(top);
  });
  return NewStringList(dirs, TextEncoding::kUtf8);
}

PyObject* GetResourceReader(PyObject* self, PyObject* fullname) {
  std::string_view name;
  if (!Utf8View(fullname, &name)) return nullptr;
  const payload::PayloadReader& reader = ReaderOf(self);
  long i = reader.FindModule(name);
  if (i < 0 || reader.entry(static_cast<size_t>(i)).kind != payload::EntryKind::kPackage)
    Py_RETURN_NONE;  // importlib.resources serves packages only
  std::string package_dir(name);
  for (char& c : package_dir) if (c == '.') c = '/';
  // A package on disk is read there, as python reads a package directory:
  // files() is a pathlib.Path (mypy keeps str(files("mypy") / "typeshed")
  // beside paths made from __file__).
  App& app = ImporterApp(self);
  std::string base = ModuleBase(app, name);
  if (base.empty()) return nullptr;
  std::string on_disk = base == app.path ? "" : base + "/" + package_dir;
  PyObject* support = PyImport_ImportModule(payload::kResourcesSupportModule.data());
  if (!support) return nullptr;
  PyObject* r = PyObject_CallMethod(support, "resource_reader", "Oss", self, package_dir.c_str(), on_disk.c_str());
  Py_DECREF(support);
  return r;
}

PyObject* FindDistributions(PyObject* self, PyObject* args) {
  PyObject* context = Py_None;
  if (!PyArg_ParseTuple(args, "|O:find_distributions", &context)) return nullptr;
  return SupportCall("find_distributions", self, context);
}

bool AfterPkgResources(PyObject* self, PyObject* module) {
  PyObject* r = SupportCall("pkg_resources_support", module, self);
  Py_XDECREF(r);
  return r != nullptr;
}

}  // namespace vm
