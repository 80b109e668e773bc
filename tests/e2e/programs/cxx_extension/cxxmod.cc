#include <Python.h>
#include <stdexcept>
#include <string>
static PyObject* risky(PyObject*, PyObject* arg) {
  long n = PyLong_AsLong(arg);
  try {
    if (n < 0) throw std::runtime_error("negative: " + std::to_string(n));
    return PyUnicode_FromString("fine");
  } catch (const std::exception& e) {
    return PyUnicode_FromString(e.what());
  }
}
static PyMethodDef methods[] = {{"risky", risky, METH_O, nullptr}, {nullptr, nullptr, 0, nullptr}};
static PyModuleDef def = {PyModuleDef_HEAD_INIT, "cxxmod", nullptr, -1, methods};
PyMODINIT_FUNC PyInit_cxxmod() { return PyModule_Create(&def); }
