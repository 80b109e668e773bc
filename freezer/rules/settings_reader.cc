#include "freezer/rules/settings_reader.h"

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "freezer/graph/python_runtime.h"

namespace freezer {

namespace {

// Both readers in Python: `ast` does the parsing CPython itself would.
constexpr const char kReaders[] = R"PY(
import ast

def _where(n):
    return (n.lineno, n.col_offset)

def _strings(node):
    found = [n for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    return [n.value for n in sorted(found, key=_where)]  # ast.walk is breadth-first

def _is(node, key):
    return isinstance(node, ast.Constant) and node.value == key

def paired_with(source, key):
    out = []
    for n in ast.walk(ast.parse(source)):
        if isinstance(n, ast.Call) and len(n.args) >= 2 and _is(n.args[0], key) and \
                isinstance(n.args[1], ast.Constant) and isinstance(n.args[1].value, str):
            out.append((_where(n), n.args[1].value))
        elif isinstance(n, ast.Assign) and isinstance(n.value, ast.Constant) and isinstance(n.value.value, str):
            if any(isinstance(t, ast.Subscript) and _is(t.slice, key) for t in n.targets):
                out.append((_where(n), n.value.value))
    return [value for _, value in sorted(out)]

def assigned_to(source, names):
    out = {}
    for n in ast.parse(source).body:
        if isinstance(n, ast.Assign):
            targets = n.targets
        elif isinstance(n, (ast.AnnAssign, ast.AugAssign)) and n.value is not None:
            targets = [n.target]
        else:
            continue
        for t in targets:
            if isinstance(t, ast.Name) and t.id in names:
                out.setdefault(t.id, []).extend(_strings(n.value))
    return out
)PY";

PyObject* Readers(std::string* err) {
  static PyObject* globals = nullptr;
  if (globals) return globals;
  if (!StartPython(err)) return nullptr;
  PyRef g(PyDict_New());
  if (g && PyDict_SetItemString(g.get(), "__builtins__", PyEval_GetBuiltins()) == 0) {
    PyRef r(PyRun_String(kReaders, Py_file_input, g.get(), g.get()));
    if (r) {
      globals = g.get();
      Py_INCREF(globals);
      return globals;
    }
  }
  PyErr_Clear();
  *err = "cannot set up the settings reader in the embedded interpreter";
  return nullptr;
}

bool AppendStrings(PyObject* list, std::vector<std::string>* out) {
  if (!list || !PyList_Check(list)) return false;
  for (Py_ssize_t i = 0; i < PyList_GET_SIZE(list); ++i) {
    const char* s = PyUnicode_AsUTF8(PyList_GET_ITEM(list, i));
    if (!s) return false;
    out->push_back(s);
  }
  return true;
}

bool Failed(const char* what, std::string* err) {
  PyErr_Clear();
  *err = std::string("cannot read ") + what + ": not valid Python";
  return false;
}

}  // namespace

bool StringsPairedWith(const std::string& source, const std::string& key, std::vector<std::string>* out,
                       std::string* err) {
  PyObject* g = Readers(err);
  if (!g) return false;
  PyObject* fn = PyDict_GetItemString(g, "paired_with");  // borrowed
  PyRef r(fn ? PyObject_CallFunction(fn, "s#s", source.data(), static_cast<Py_ssize_t>(source.size()), key.c_str())
             : nullptr);
  return AppendStrings(r.get(), out) || Failed("the source", err);
}

bool StringsAssignedTo(const std::string& source, const std::vector<std::string>& names,
                       std::map<std::string, std::vector<std::string>>* out, std::string* err) {
  PyObject* g = Readers(err);
  if (!g) return false;
  PyRef py_names(PySet_New(nullptr));
  for (const auto& n : names) {
    PyRef s(PyUnicode_FromString(n.c_str()));
    if (!py_names || !s || PySet_Add(py_names.get(), s.get()) != 0) return Failed("the names", err);
  }
  PyObject* fn = PyDict_GetItemString(g, "assigned_to");  // borrowed
  PyRef r(fn ? PyObject_CallFunction(fn, "s#O", source.data(), static_cast<Py_ssize_t>(source.size()),
                                     py_names.get())
             : nullptr);
  if (!r || !PyDict_Check(r.get())) return Failed("the settings", err);
  for (const auto& n : names)
    if (PyObject* list = PyDict_GetItemString(r.get(), n.c_str()); list && !AppendStrings(list, &(*out)[n]))
      return Failed("the settings", err);
  return true;
}

}  // namespace freezer
