#include "vm/path_entry.h"

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

#include "vm/package_dir_finder.h"
#include "vm/payload_importer.h"
#include "vm/python_values.h"

namespace vm {

namespace {

// sys.path_hooks[0]: the payload importer for the app's own path, so that
// PathFinder finds it again after sys.path_importer_cache is cleared; for a
// path inside the app (a package's __path__, "<app>/a/b"), a finder of that
// package (vm/package_dir_finder.h); ImportError for every other path (the
// next hook is asked). Without the second, zipimport's hook takes such a
// path and parses the payload's whole directory in Python: Cython modules
// try a relative import first ("import numpy" in numpy.random._generator
// looks for numpy.random.numpy on numpy.random.__path__), and that cost
// numpy apps 5 ms at every start. `bound` is (importer, the app's entry).
PyObject* PathHook(PyObject* bound, PyObject* path) {
  PyObject* importer = PyTuple_GET_ITEM(bound, 0);
  PyObject* entry = PyTuple_GET_ITEM(bound, 1);
  int same = PyObject_RichCompareBool(path, entry, Py_EQ);
  if (same < 0) return nullptr;
  if (same) {
    Py_INCREF(importer);
    return importer;
  }
  std::string_view p, app;
  if (PyUnicode_Check(path) && Utf8View(path, &p) && Utf8View(entry, &app) && p.size() > app.size() + 1 &&
      p.substr(0, app.size()) == app && p[app.size()] == '/') {
    std::string package(p.substr(app.size() + 1));
    while (!package.empty() && package.back() == '/') package.pop_back();
    for (char& c : package) if (c == '/') c = '.';
    return NewPackageDirFinder(importer, package, "");
  }
  PyErr_Clear();  // a path that is not UTF-8 is not the app's
  PyErr_SetString(PyExc_ImportError, "not a path of the app");
  return nullptr;
}

PyMethodDef kPathHookDef = {
    "payload_path_hook", PathHook, METH_O,
    "The payload importer for the app's path, a package finder for a path inside it; ImportError otherwise."};

}  // namespace

bool InstallPathEntry(App* app, std::string* err) {
  PyObject* sys_path = PySys_GetObject("path");                // borrowed
  PyObject* cache = PySys_GetObject("path_importer_cache");    // borrowed
  PyObject* hooks = PySys_GetObject("path_hooks");             // borrowed
  // The app's entry: sys.path[0], or where site left it in a python child.
  PyObject* entry = nullptr;  // borrowed
  PyObject* app_path = PyUnicode_DecodeFSDefault(app->path.c_str());
  for (Py_ssize_t i = 0; app_path && sys_path && PyList_Check(sys_path) &&
                         i < PyList_GET_SIZE(sys_path) && !entry; ++i) {
    if (PyUnicode_Check(PyList_GET_ITEM(sys_path, i)) &&
        PyUnicode_Compare(PyList_GET_ITEM(sys_path, i), app_path) == 0)
      entry = PyList_GET_ITEM(sys_path, i);
  }
  Py_XDECREF(app_path);
  PyObject* bound = entry ? PyTuple_Pack(2, app->importer, entry) : nullptr;
  PyObject* hook = bound ? PyCFunction_New(&kPathHookDef, bound) : nullptr;
  Py_XDECREF(bound);  // the function holds it
  bool ok = entry && cache && PyDict_Check(cache) && hooks && PyList_Check(hooks) && hook &&
            PyDict_SetItem(cache, entry, app->importer) == 0 && PyList_Insert(hooks, 0, hook) == 0;
  Py_XDECREF(hook);
  if (!ok) {
    *err = "cannot make the app its own sys.path entry";
    if (PyErr_Occurred()) PyErr_Print();
    return false;
  }
  app->trace.Log("sys.path == [%s], served by the payload importer", app->path.c_str());
  return true;
}

bool PrimePathEntry(App* app) {
  PyObject* cache = PySys_GetObject("path_importer_cache");  // borrowed
  PyObject* app_path = PyUnicode_DecodeFSDefault(app->path.c_str());
  bool ok = cache && app_path && PyDict_SetItem(cache, app_path, app->importer) == 0;
  Py_XDECREF(app_path);
  PyErr_Clear();
  return ok;
}

PyObject* ListPayloadModules(PyObject* importer, std::string_view package, const std::string& prefix) {
  const payload::PayloadReader& reader = ImporterApp(importer).reader;
  // Module names below the package start "a.b."; its extensions' paths "a/b/".
  std::string dotted = package.empty() ? "" : std::string(package) + ".";
  std::string dir = dotted;
  for (char& c : dir) if (c == '.') c = '/';
  std::vector<std::pair<std::string, bool>> found;  // name, is package
  for (size_t i = 0; i < reader.size(); ++i) {
    payload::EntryView e = reader.entry(i);
    std::string_view name = e.name;
    if (e.kind == payload::EntryKind::kExtension) {
      if (name.substr(0, dir.size()) != dir) continue;
      name.remove_prefix(dir.size());
      if (name.find('/') != std::string_view::npos) continue;
      name = name.substr(0, name.find('.'));  // "_ssl.cpython-311-x86_64-linux-gnu.so"
    } else if (!payload::IsModuleKind(e.kind) || name.substr(0, dotted.size()) != dotted) {
      continue;
    } else {
      name.remove_prefix(dotted.size());
      if (name.find('.') != std::string_view::npos) continue;
    }
    // The script is stored as __main__: not a module anything imports.
    if (name.empty() || name == "__main__") continue;
    found.emplace_back(std::string(name), e.kind == payload::EntryKind::kPackage);
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  PyObject* list = PyList_New(0);
  for (size_t i = 0; list && i < found.size(); ++i) {
    if (i > 0 && found[i].first == found[i - 1].first) continue;
    std::string full = prefix + found[i].first;
    PyObject* item = Py_BuildValue("(sO)", full.c_str(), found[i].second ? Py_True : Py_False);
    if (!item || PyList_Append(list, item) < 0) Py_CLEAR(list);
    Py_XDECREF(item);
  }
  return list;
}

PyObject* IterModules(PyObject* self, PyObject* args, PyObject* kwargs) {
  static const char* kwlist[] = {"prefix", nullptr};
  const char* prefix = "";
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|s:iter_modules", const_cast<char**>(kwlist),
                                   &prefix))
    return nullptr;
  return ListPayloadModules(self, "", prefix);
}

}  // namespace vm
