#include "freezer/graph/import_forwarders.h"

#include <opcode.h>

#include <set>

#include "freezer/graph/module_graph.h"
#include "freezer/graph/python_runtime.h"  // PyRef

namespace freezer {

namespace {

std::string Text(PyObject* s) {
  const char* c = s && PyUnicode_Check(s) ? PyUnicode_AsUTF8(s) : nullptr;
  if (!c) PyErr_Clear();
  return c ? c : "";
}

bool IsImportCallable(const std::string& n) { return n == "import_module" || n == "__import__"; }

// Whether a function's code loads the callable and then, as its first
// argument, the parameter at `param`.
bool Forwards(PyCodeObject* code, int param) {
  PyRef bytes(PyCode_GetCode(code));
  PyObject* names = code->co_names;
  if (!bytes || !PyBytes_Check(bytes.get()) || !PyTuple_Check(names)) {
    PyErr_Clear();
    return false;
  }
  const auto* b = reinterpret_cast<const unsigned char*>(PyBytes_AS_STRING(bytes.get()));
  Py_ssize_t n = PyBytes_GET_SIZE(bytes.get());
  bool callable_loaded = false;
  long ext = 0;
  for (Py_ssize_t i = 0; i + 1 < n; i += 2) {
    int op = b[i];
    long arg = b[i + 1] | ext;
    ext = op == EXTENDED_ARG ? arg << 8 : 0;
    if (op == EXTENDED_ARG || op == CACHE) continue;
    if (op == LOAD_FAST && callable_loaded && arg == param) return true;
    long ni = op == LOAD_GLOBAL ? arg >> 1 : arg;
    callable_loaded = (op == LOAD_GLOBAL || op == LOAD_NAME || op == LOAD_METHOD || op == LOAD_ATTR) &&
                      ni < PyTuple_GET_SIZE(names) && IsImportCallable(Text(PyTuple_GET_ITEM(names, ni)));
  }
  return false;
}

}  // namespace

void ScanImportForwarders(PyObject* code, std::vector<std::string>* out) {
  auto* co = reinterpret_cast<PyCodeObject*>(code);
  if ((co->co_flags & CO_OPTIMIZED) && co->co_argcount > 0) {
    PyRef varnames(PyObject_GetAttrString(code, "co_varnames"));
    int param = 0;
    if (varnames && PyTuple_Check(varnames.get()) && PyTuple_GET_SIZE(varnames.get()) > 1 &&
        co->co_argcount > 1) {
      std::string first = Text(PyTuple_GET_ITEM(varnames.get(), 0));
      if (first == "self" || first == "cls") param = 1;
    }
    PyErr_Clear();
    std::string name = Text(co->co_name);
    if (!name.empty() && name != "<lambda>" && !IsImportCallable(name) && Forwards(co, param))
      out->push_back(name);
  }
  PyObject* consts = co->co_consts;
  for (Py_ssize_t k = 0; PyTuple_Check(consts) && k < PyTuple_GET_SIZE(consts); ++k)
    if (PyCode_Check(PyTuple_GET_ITEM(consts, k))) ScanImportForwarders(PyTuple_GET_ITEM(consts, k), out);
}

std::map<std::string, std::vector<size_t>> ForwardedImports(const std::map<std::string, Module>& modules,
                                                            std::map<std::string, std::vector<bool>>* done) {
  std::map<std::string, std::set<std::string>> definers;  // forwarder name -> modules defining one
  for (const auto& [name, m] : modules)
    for (const std::string& f : m.import_forwarders) definers[f].insert(name);
  std::map<std::string, std::vector<size_t>> out;
  if (definers.empty()) return out;
  for (const auto& [name, m] : modules) {
    std::vector<bool>& seen = (*done)[name];
    seen.resize(m.refs.size(), false);
    for (size_t i = 0; i < m.refs.size(); ++i) {
      const ImportRef& ref = m.refs[i];
      if (ref.via.empty() || seen[i]) continue;
      auto d = definers.find(ref.via);
      if (d == definers.end()) continue;
      bool visible = d->second.count(name) > 0;
      for (const std::string& e : m.imports) visible = visible || d->second.count(e) > 0;
      if (!visible) continue;
      seen[i] = true;
      out[name].push_back(i);
    }
  }
  return out;
}

}  // namespace freezer
