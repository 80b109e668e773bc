#include "vm/path_entry.h"

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

#include "vm/payload_importer.h"

namespace vm {

namespace {

// sys.path_hooks[0]: the payload importer for the app's own path, so that
// PathFinder finds it again after sys.path_importer_cache is cleared;
// ImportError for every other path (the next hook is asked). `bound` is
// (importer, the app's sys.path entry).
PyObject* PathHook(PyObject* bound, PyObject* path) {
  PyObject* importer = PyTuple_GET_ITEM(bound, 0);
  int same = PyObject_RichCompareBool(path, PyTuple_GET_ITEM(bound, 1), Py_EQ);
  if (same < 0) return nullptr;
  if (!same) {
    PyErr_SetString(PyExc_ImportError, "only the app's own path");
    return nullptr;
  }
  Py_INCREF(importer);
  return importer;
}

PyMethodDef kPathHookDef = {"payload_path_hook", PathHook, METH_O,
                            "The payload importer for the app's path; ImportError otherwise."};

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

PyObject* IterModules(PyObject* self, PyObject* args, PyObject* kwargs) {
  static const char* kwlist[] = {"prefix", nullptr};
  const char* prefix = "";
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|s:iter_modules", const_cast<char**>(kwlist),
                                   &prefix))
    return nullptr;
  const payload::PayloadReader& reader = ImporterApp(self).reader;
  std::vector<std::pair<std::string, bool>> found;  // name, is package
  for (size_t i = 0; i < reader.size(); ++i) {
    payload::EntryView e = reader.entry(i);
    std::string_view name = e.name;
    if (e.kind == payload::EntryKind::kExtension) {
      if (name.find('/') != std::string_view::npos) continue;
      name = name.substr(0, name.find('.'));  // "_ssl.cpython-311-x86_64-linux-gnu.so"
    } else if (e.kind != payload::EntryKind::kModule && e.kind != payload::EntryKind::kPackage) {
      continue;
    } else if (name.find('.') != std::string_view::npos) {
      continue;
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

}  // namespace vm
