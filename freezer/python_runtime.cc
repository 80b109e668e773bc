#include "freezer/python_runtime.h"

#include <Python.h>
#include <marshal.h>

#include <cstring>

#include "freezer/disk.h"

namespace freezer {

namespace {

bool g_started = false;
uint32_t g_magic = 0;

std::string Utf8(PyObject* s) {
  const char* c = s && PyUnicode_Check(s) ? PyUnicode_AsUTF8(s) : nullptr;
  if (!c) PyErr_Clear();
  return c ? c : "";
}

// "path:line:col: message" for a SyntaxError, "path: message" otherwise.
std::string DescribeCompileError(const std::string& display_path) {
  PyObject *type, *value, *tb;
  PyErr_Fetch(&type, &value, &tb);
  PyErr_NormalizeException(&type, &value, &tb);
  std::string msg;
  if (value && PyErr_GivenExceptionMatches(type, PyExc_SyntaxError)) {
    PyObject* m = PyObject_GetAttrString(value, "msg");
    PyObject* line = PyObject_GetAttrString(value, "lineno");
    PyObject* col = PyObject_GetAttrString(value, "offset");
    msg = display_path;
    if (line && PyLong_Check(line)) msg += ":" + std::to_string(PyLong_AsLong(line));
    if (col && PyLong_Check(col)) msg += ":" + std::to_string(PyLong_AsLong(col));
    msg += ": " + Utf8(m);
    Py_XDECREF(m);
    Py_XDECREF(line);
    Py_XDECREF(col);
  } else {
    PyObject* s = value ? PyObject_Str(value) : nullptr;
    msg = display_path + ": " + (type ? reinterpret_cast<PyTypeObject*>(type)->tp_name : "error") +
          ": " + Utf8(s);
    Py_XDECREF(s);
  }
  PyErr_Clear();
  Py_XDECREF(type);
  Py_XDECREF(value);
  Py_XDECREF(tb);
  return msg;
}

void PutLE32(std::string* out, uint32_t v) {
  char b[4];
  memcpy(b, &v, 4);
  out->append(b, 4);
}

}  // namespace

bool StartPython(std::string* err) {
  if (g_started) return true;
  PyConfig config;
  PyConfig_InitIsolatedConfig(&config);
  config.site_import = 0;
  config.write_bytecode = 0;
  PyStatus st = Py_InitializeFromConfig(&config);
  PyConfig_Clear(&config);
  if (PyStatus_Exception(st)) {
    *err = std::string("cannot start the embedded Python: ") + (st.err_msg ? st.err_msg : "?");
    return false;
  }
  g_magic = static_cast<uint32_t>(PyImport_GetMagicNumber());
  g_started = true;
  return true;
}

uint32_t PythonMagic() { return g_magic; }

bool IsBuiltinModule(const std::string& name) {
  PyObject* names = PySys_GetObject("builtin_module_names");  // borrowed tuple
  PyObject* n = PyUnicode_FromString(name.c_str());
  int r = names && n ? PySequence_Contains(names, n) : 0;
  Py_XDECREF(n);
  if (r < 0) PyErr_Clear();
  return r == 1;
}

bool IsFrozenModule(const std::string& name) {
  PyObject* imp = PyImport_ImportModule("_imp");
  PyObject* r = imp ? PyObject_CallMethod(imp, "is_frozen", "s", name.c_str()) : nullptr;
  bool frozen = r && PyObject_IsTrue(r) == 1;
  Py_XDECREF(r);
  Py_XDECREF(imp);
  PyErr_Clear();
  return frozen;
}

std::vector<std::string> InterpreterSearchPath() {
  std::vector<std::string> dirs;
  RealDisk disk;
  PyObject* path = PySys_GetObject("path");
  for (Py_ssize_t i = 0; path && i < PyList_Size(path); ++i) {
    std::string d = Utf8(PyList_GetItem(path, i));
    if (!d.empty() && disk.Stat(d).type == FileInfo::Type::kDir) dirs.push_back(d);
  }
  for (const char* d : {"/usr/lib/python3/dist-packages", "/usr/local/lib/python3.11/dist-packages"}) {
    if (disk.Stat(d).type == FileInfo::Type::kDir) dirs.push_back(d);
  }
  return dirs;
}

bool CompileModule(const std::string& source, const std::string& display_path,
                   const std::string& code_filename, int optimize, bool is_entry,
                   CompiledModule* out, std::string* err) {
  if (source.find('\0') != std::string::npos) {
    *err = display_path + ": source code cannot contain null bytes";
    return false;
  }
  PyObject* filename = PyUnicode_DecodeFSDefault(code_filename.c_str());
  PyCompilerFlags flags = _PyCompilerFlags_INIT;
  PyObject* code = filename ? Py_CompileStringObject(source.c_str(), filename, Py_file_input,
                                                     &flags, optimize)
                            : nullptr;
  Py_XDECREF(filename);
  if (!code) {
    *err = DescribeCompileError(display_path);
    return false;
  }
  PyObject* data = PyMarshal_WriteObjectToString(code, Py_MARSHAL_VERSION);
  // An unchecked hash-based pyc (PEP 552): valid for python3.11 as is, and
  // free of timestamps, so builds are reproducible.
  PyObject* imp = PyImport_ImportModule("_imp");
  PyObject* src = PyBytes_FromStringAndSize(source.data(), static_cast<Py_ssize_t>(source.size()));
  PyObject* hash = imp && src ? PyObject_CallMethod(imp, "source_hash", "kO",
                                                    static_cast<unsigned long>(g_magic), src)
                              : nullptr;
  Py_XDECREF(imp);
  Py_XDECREF(src);
  if (!data || !hash || PyBytes_Size(hash) != 8) {
    *err = DescribeCompileError(display_path);
    Py_XDECREF(data);
    Py_XDECREF(hash);
    Py_DECREF(code);
    return false;
  }
  out->pyc.clear();
  PutLE32(&out->pyc, g_magic);
  PutLE32(&out->pyc, 0x1);  // hash-based, check_source off
  out->pyc.append(PyBytes_AS_STRING(hash), 8);
  out->pyc.append(PyBytes_AS_STRING(data), static_cast<size_t>(PyBytes_GET_SIZE(data)));
  Py_DECREF(hash);
  Py_DECREF(data);
  out->imports.clear();
  ScanImports(code, is_entry, &out->imports);
  Py_DECREF(code);
  return true;
}

void FrozenModuleImports(const std::string& name, std::vector<ImportRef>* out) {
  PyObject* imp = PyImport_ImportModule("_imp");
  PyObject* code = imp ? PyObject_CallMethod(imp, "get_frozen_object", "s", name.c_str()) : nullptr;
  Py_XDECREF(imp);
  if (code && PyCode_Check(code)) ScanImports(code, false, out);
  Py_XDECREF(code);
  PyErr_Clear();
}

}  // namespace freezer
