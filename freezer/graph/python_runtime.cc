#include "freezer/graph/python_runtime.h"

#include <Python.h>
#include <marshal.h>

#include <cctype>
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

// Python source raising `value` (a SyntaxError) again, as importing the
// module would under python: the same type, msg, lineno, offset, text,
// end_lineno and end_offset, with __file__ as its filename.
std::string SyntaxErrorRaiser(PyObject* type, PyObject* value) {
  PyRef fields(Py_BuildValue("(NNNNNN)", PyObject_GetAttrString(value, "msg"),
                             PyObject_GetAttrString(value, "lineno"), PyObject_GetAttrString(value, "offset"),
                             PyObject_GetAttrString(value, "text"), PyObject_GetAttrString(value, "end_lineno"),
                             PyObject_GetAttrString(value, "end_offset")));
  PyRef text(fields ? PyObject_Repr(fields.get()) : nullptr);
  if (!text) {
    PyErr_Clear();
    return "";
  }
  // Only the built-in SyntaxError family: its name is what builtins calls it.
  const char* name = reinterpret_cast<PyTypeObject*>(type)->tp_name;
  return std::string("_m, _l, _o, _t, _el, _eo = ") + Utf8(text.get()) + "\nraise " + name +
         "(_m, (__file__, _l, _o, _t, _el, _eo))\n";
}

// "path:line:col: message" for a SyntaxError, "path: message" otherwise.
std::string DescribeCompileError(const std::string& display_path, std::string* raiser = nullptr) {
  PyObject *type, *value, *tb;
  PyErr_Fetch(&type, &value, &tb);
  PyErr_NormalizeException(&type, &value, &tb);
  std::string msg;
  bool builtin_type = type == PyExc_SyntaxError || type == PyExc_IndentationError || type == PyExc_TabError;
  if (raiser && value && builtin_type) *raiser = SyntaxErrorRaiser(type, value);
  if (value && PyErr_GivenExceptionMatches(type, PyExc_SyntaxError)) {
    PyRef m(PyObject_GetAttrString(value, "msg"));
    PyRef line(PyObject_GetAttrString(value, "lineno"));
    PyRef col(PyObject_GetAttrString(value, "offset"));
    msg = display_path;
    if (line && PyLong_Check(line.get())) msg += ":" + std::to_string(PyLong_AsLong(line.get()));
    if (col && PyLong_Check(col.get())) msg += ":" + std::to_string(PyLong_AsLong(col.get()));
    msg += ": " + Utf8(m.get());
  } else {
    PyRef s(value ? PyObject_Str(value) : nullptr);
    msg = display_path + ": " + (type ? reinterpret_cast<PyTypeObject*>(type)->tp_name : "error") +
          ": " + Utf8(s.get());
  }
  PyErr_Clear();
  Py_XDECREF(type);
  Py_XDECREF(value);
  Py_XDECREF(tb);
  return msg;
}

PyObject* ImpFunction(const char* name) {
  static PyObject* imp = nullptr;
  if (!imp) imp = PyImport_ImportModule("_imp");
  return imp ? PyObject_GetAttrString(imp, name) : nullptr;
}

}  // namespace

PyRef& PyRef::operator=(PyRef&& o) noexcept {
  if (this != &o) {
    Py_XDECREF(obj_);
    obj_ = o.obj_;
    o.obj_ = nullptr;
  }
  return *this;
}

PyRef::~PyRef() { Py_XDECREF(obj_); }

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
  PyRef n(PyUnicode_FromString(name.c_str()));
  int r = names && n ? PySequence_Contains(names, n.get()) : 0;
  if (r < 0) PyErr_Clear();
  return r == 1;
}

bool IsFrozenModule(const std::string& name) {
  PyRef fn(ImpFunction("is_frozen"));
  PyRef r(fn ? PyObject_CallFunction(fn.get(), "s", name.c_str()) : nullptr);
  bool frozen = r && PyObject_IsTrue(r.get()) == 1;
  PyErr_Clear();
  return frozen;
}

std::string SysconfigDataName() {
  static const std::string name = [] {
    PyRef mod(PyImport_ImportModule("sysconfig"));
    PyRef r(mod ? PyObject_CallMethod(mod.get(), "_get_sysconfigdata_name", nullptr) : nullptr);
    std::string n = r ? Utf8(r.get()) : "";
    PyErr_Clear();
    return n;
  }();
  return name;
}

std::vector<std::string> StdlibModuleNames() {
  std::vector<std::string> out;
  PyObject* names = PySys_GetObject("stdlib_module_names");  // borrowed frozenset
  PyRef it(names ? PyObject_GetIter(names) : nullptr);
  while (it) {
    PyRef item(PyIter_Next(it.get()));
    if (!item) break;
    out.push_back(Utf8(item.get()));
  }
  PyErr_Clear();
  return out;
}

std::vector<std::string> InterpreterSearchPath() {
  std::vector<std::string> dirs;
  RealDisk disk;
  PyObject* path = PySys_GetObject("path");
  for (Py_ssize_t i = 0; path && i < PyList_Size(path); ++i) {
    std::string d = Utf8(PyList_GetItem(path, i));
    if (!d.empty() && disk.Stat(d).type == FileInfo::Type::kDir) dirs.push_back(d);
  }
  return dirs;
}

bool CompileSource(const std::string& source, const std::string& display_path,
                   const std::string& code_filename, int optimize, PyRef* code,
                   std::string* err, std::string* raiser) {
  if (source.find('\0') != std::string::npos) {
    *err = display_path + ": source code cannot contain null bytes";
    return false;
  }
  PyRef filename(PyUnicode_DecodeFSDefault(code_filename.c_str()));
  PyCompilerFlags flags = _PyCompilerFlags_INIT;
  *code = PyRef(filename ? Py_CompileStringObject(source.c_str(), filename.get(), Py_file_input,
                                                  &flags, optimize)
                         : nullptr);
  if (!*code) {
    *err = DescribeCompileError(display_path, raiser);
    return false;
  }
  return true;
}

bool UnmarshalCode(std::string_view body, PyRef* code) {
  *code = PyRef(PyMarshal_ReadObjectFromString(body.data(), static_cast<Py_ssize_t>(body.size())));
  if (!*code || !PyCode_Check(code->get())) {
    PyErr_Clear();
    *code = PyRef();
    return false;
  }
  return true;
}

bool MarshalCode(PyObject* code, std::string* body) {
  PyRef data(PyMarshal_WriteObjectToString(code, Py_MARSHAL_VERSION));
  if (!data) {
    PyErr_Clear();
    return false;
  }
  body->assign(PyBytes_AS_STRING(data.get()), static_cast<size_t>(PyBytes_GET_SIZE(data.get())));
  return true;
}

std::string CodeFilename(PyObject* code) {
  return Utf8(reinterpret_cast<PyCodeObject*>(code)->co_filename);
}

void SetCodeFilename(PyObject* code, const std::string& filename) {
  PyRef fix(ImpFunction("_fix_co_filename"));
  PyRef name(PyUnicode_DecodeFSDefault(filename.c_str()));
  PyRef r(fix && name ? PyObject_CallFunctionObjArgs(fix.get(), code, name.get(), nullptr) : nullptr);
  PyErr_Clear();
}

std::string SourceHash(std::string_view source) {
  PyRef fn(ImpFunction("source_hash"));
  PyRef src(PyBytes_FromStringAndSize(source.data(), static_cast<Py_ssize_t>(source.size())));
  PyRef hash(fn && src ? PyObject_CallFunction(fn.get(), "kO", static_cast<unsigned long>(g_magic),
                                               src.get())
                       : nullptr);
  if (!hash || !PyBytes_Check(hash.get()) || PyBytes_GET_SIZE(hash.get()) != 8) {
    PyErr_Clear();
    return std::string(8, '\0');
  }
  return std::string(PyBytes_AS_STRING(hash.get()), 8);
}

void CodeImports(PyObject* code, bool is_entry, std::vector<ImportRef>* out) {
  ScanImports(code, is_entry, out);
}

void FrozenModuleImports(const std::string& name, std::vector<ImportRef>* out,
                         std::vector<std::string>* codec_names) {
  PyRef fn(ImpFunction("get_frozen_object"));
  PyRef code(fn ? PyObject_CallFunction(fn.get(), "s", name.c_str()) : nullptr);
  if (code && PyCode_Check(code.get())) {
    ScanImports(code.get(), false, out);
    ScanCodecNames(code.get(), codec_names);
  }
  PyErr_Clear();
}

std::string CodecModuleFor(const std::string& name) {
  static PyObject* aliases = nullptr;  // encodings.aliases.aliases
  if (!aliases) {
    PyRef mod(PyImport_ImportModule("encodings.aliases"));
    aliases = mod ? PyObject_GetAttrString(mod.get(), "aliases") : nullptr;
    PyErr_Clear();
    if (!aliases) return "";
  }
  // The registry: lower case, spaces to underscores; then
  // encodings.normalize_encoding: runs of other punctuation to one '_'.
  std::string norm;
  bool punct = false;
  for (char c : name) {
    unsigned char u = static_cast<unsigned char>(c == ' ' ? '_' : tolower(static_cast<unsigned char>(c)));
    if (isalnum(u) || u == '.') {
      if (punct && !norm.empty()) norm += '_';
      norm += static_cast<char>(u);
      punct = false;
    } else {
      punct = true;
    }
  }
  if (norm.empty()) return "";
  std::string dotless = norm;
  for (char& c : dotless) if (c == '.') c = '_';
  for (const std::string& key : {norm, dotless}) {
    PyObject* v = PyDict_GetItemString(aliases, key.c_str());  // borrowed
    if (v && PyUnicode_Check(v)) return Utf8(v);
  }
  return norm.find('.') == std::string::npos ? norm : "";
}

}  // namespace freezer
