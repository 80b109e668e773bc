#include "vm/data_file_hint.h"

#include <Python.h>
#include <errno.h>

#include "vm/python_values.h"

namespace vm {

std::string DataFileHintFor(const std::string& app_path, int errno_value, std::string_view filename,
                            const std::function<bool(std::string_view)>& is_bundled,
                            const std::function<bool(std::string_view)>& is_package) {
  if (errno_value != ENOTDIR && errno_value != ENOENT) return "";
  std::string prefix = app_path + "/";
  if (filename.size() <= prefix.size() || filename.compare(0, prefix.size(), prefix) != 0) return "";
  std::string rel(filename.substr(prefix.size()));
  while (rel.rfind("./", 0) == 0) rel.erase(0, 2);
  if (rel.empty()) return "";
  std::string path(filename);
  // The package whose files these are: the deepest bundled package above it.
  std::string package, inside = rel;
  for (size_t slash = rel.find('/'); slash != std::string::npos; slash = rel.find('/', slash + 1)) {
    std::string dotted = rel.substr(0, slash);
    for (char& c : dotted)
      if (c == '/') c = '.';
    if (!is_package(dotted)) break;
    package = dotted;
    inside = rel.substr(slash + 1);
  }
  std::string top = rel.substr(0, rel.find('/'));
  std::string out = "freezer: hint: " + path + " is inside the app, which is one file, not a directory: " +
                    "open() and os functions cannot reach what it bundles";
  if (!is_bundled(rel))
    out += "; " + rel + " is not even bundled (add it with --add-data SRC:" + rel + ")";
  out += ". Ways that work (README, \"Reading your data files\"):\n";
  if (!package.empty())
    out += "  importlib.resources.files(\"" + package + "\").joinpath(\"" + inside + "\").read_bytes()\n";
  out += "  __loader__.get_data(\"" + path + "\")   (the loader of any bundled module, the path your code computes)\n";
  std::string extract = !package.empty() ? package.substr(0, package.find('.'))
                        : rel.find('/') != std::string::npos ? top : "";
  if (!extract.empty())
    out += "  freezer build --extract-package " + extract + " ...   (its files on disk at run time, where " +
           (package.empty() ? "the script's" : "its modules'") + " __file__ points)\n";
  out += "  (a package whose code reads __file__ and carries data files is extracted by itself; "
         "sys._MEIPASS does not exist)\n";
  return out;
}

namespace {

bool IsBundledData(const App& app, std::string_view rel) {
  long i = app.reader.FindFile(rel);
  return i >= 0 && !payload::IsModuleKind(app.reader.entry(static_cast<size_t>(i)).kind);
}

bool IsBundledPackage(const App& app, std::string_view name) {
  long i = app.reader.FindModule(name);
  return i >= 0 && app.reader.entry(static_cast<size_t>(i)).kind == payload::EntryKind::kPackage;
}

// The hint for one exception object ("" for none).
std::string HintOf(const App& app, PyObject* exc) {
  if (!PyObject_TypeCheck(exc, reinterpret_cast<PyTypeObject*>(PyExc_OSError))) return "";
  PyOSErrorObject* os_error = reinterpret_cast<PyOSErrorObject*>(exc);
  if (!os_error->myerrno || !PyLong_Check(os_error->myerrno) || !os_error->filename) return "";
  int value = static_cast<int>(PyLong_AsLong(os_error->myerrno));
  PyObject* name = nullptr;
  if (PyErr_Occurred() || !PyUnicode_FSDecoder(os_error->filename, &name)) {
    PyErr_Clear();
    return "";
  }
  std::string_view filename;
  std::string hint;
  if (Utf8View(name, &filename))
    hint = DataFileHintFor(
        app.path, value, filename, [&](std::string_view rel) { return IsBundledData(app, rel); },
        [&](std::string_view n) { return IsBundledPackage(app, n); });
  PyErr_Clear();
  Py_DECREF(name);
  return hint;
}

}  // namespace

std::string DataFileHint(const App& app) {
  PyObject *type, *value, *tb;
  PyErr_Fetch(&type, &value, &tb);
  PyErr_NormalizeException(&type, &value, &tb);
  std::string hint;
  // The exception, then what it was raised from or while handling; a
  // chain that loops ends at 16.
  PyObject* exc = value;
  for (int depth = 0; exc && exc != Py_None && hint.empty() && depth < 16; ++depth) {
    hint = HintOf(app, exc);
    PyObject* next = PyException_GetCause(exc);
    if (!next) next = PyException_GetContext(exc);
    Py_XDECREF(next);  // borrowed from here on: the chain holds it
    exc = next;
  }
  if (tb && value) PyException_SetTraceback(value, tb);
  PyErr_Restore(type, value, tb);
  return hint;
}

}  // namespace vm
