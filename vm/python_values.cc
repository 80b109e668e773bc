#include "vm/python_values.h"

namespace vm {

PyObject* NewStringList(const std::vector<std::string>& items, TextEncoding encoding) {
  PyObject* list = PyList_New(0);
  for (const auto& s : items) {
    PyObject* item = !list ? nullptr
                     : encoding == TextEncoding::kUtf8
                         ? PyUnicode_FromStringAndSize(s.data(), static_cast<Py_ssize_t>(s.size()))
                         : PyUnicode_DecodeFSDefault(s.c_str());
    if (!item || PyList_Append(list, item) < 0) {
      Py_XDECREF(item);
      Py_XDECREF(list);
      return nullptr;
    }
    Py_DECREF(item);
  }
  return list;
}

bool Utf8View(PyObject* obj, std::string_view* text) {
  Py_ssize_t n;
  const char* s = PyUnicode_AsUTF8AndSize(obj, &n);
  if (!s) return false;
  *text = std::string_view(s, static_cast<size_t>(n));
  return true;
}

PyObject* ModuleAttr(const char* module, const char* attr) {
  PyObject* m = PyImport_ImportModule(module);
  if (!m) return nullptr;
  PyObject* a = PyObject_GetAttrString(m, attr);
  Py_DECREF(m);
  return a;
}

}  // namespace vm
