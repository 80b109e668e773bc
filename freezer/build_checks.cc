// Checks of what the command line asked for against what the scan found:
// an --entry function the module does not define, an --exclude-module
// nothing imports. Each says so before anyone runs the app.
#include <Python.h>

#include <filesystem>

#include "archive/payload_format.h"
#include "freezer/build_context.h"
#include "freezer/closest_name.h"
#include "freezer/graph/python_runtime.h"

namespace freezer {

namespace {

// The names the module's top-level code uses (co_names: what it stores,
// loads, imports and the attributes it reads), or false when it may define
// names no scan can see (`from x import *`, globals(), a module __getattr__).
bool TopLevelNames(const Module& m, std::vector<std::string>* names) {
  for (const ImportRef& ref : m.refs)
    for (const std::string& f : ref.fromlist)
      if (f == "*") return false;
  PyRef code;
  if (m.pyc.size() <= payload::kPycHeaderSize ||
      !UnmarshalCode(std::string_view(m.pyc).substr(payload::kPycHeaderSize), &code))
    return false;
  PyRef co_names(PyObject_GetAttrString(code.get(), "co_names"));
  if (!co_names || !PyTuple_Check(co_names.get())) {
    PyErr_Clear();
    return false;
  }
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(co_names.get()); ++i) {
    const char* s = PyUnicode_AsUTF8(PyTuple_GET_ITEM(co_names.get(), i));
    if (!s) {
      PyErr_Clear();
      return false;
    }
    std::string name = s;
    if (name == "globals" || name == "__getattr__" || name == "exec" || name == "setattr" ||
        name == "vars" || name == "__dict__")
      return false;
    names->push_back(name);
  }
  return true;
}

}  // namespace

// --entry MODULE:FUNCTION: FUNCTION must be a name MODULE's top level can
// define, else the app would only fail with an AttributeError when run.
bool CheckEntryFunction(BuildContext& ctx) {
  const std::string& entry = ctx.options.function;
  if (entry.empty()) return true;
  std::string module = entry.substr(0, entry.find(':'));
  std::string function = entry.substr(entry.find(':') + 1);
  std::string head = function.substr(0, function.find('.'));  // "mod:Class.method"
  auto it = ctx.graph->modules().find(module);
  if (it == ctx.graph->modules().end() || !IsPythonModule(it->second.kind)) return true;
  std::vector<std::string> names;
  if (!TopLevelNames(it->second, &names)) return true;
  for (const std::string& n : names)
    if (n == head) return true;
  std::string near = ClosestName(head, names);
  std::string path = std::filesystem::path(it->second.path).lexically_normal().string();
  return Error(ctx, "--entry " + entry + ": '" + module + "' (" + path +
                        ") defines no top-level name '" + head + "'" +
                        (near.empty() ? "" : "; did you mean '" + module + ":" + near + "'?"));
}

// --exclude-module M that no bundled code imports does nothing: likely a
// typo, or a module a rule or a flag already leaves out. One that code
// imports at top level (not on the start-up path: CheckExcludes refuses
// that) fails when that code runs.
bool WarnExcludes(BuildContext& ctx) {
  const ModuleGraph& graph = *ctx.graph;
  for (const std::string& x : ctx.options.excludes) {
    const MissingImport* top = nullptr;
    bool imported = false;
    for (const MissingImport& e : graph.excluded_imports()) {
      if (e.name != x && e.name.rfind(x + ".", 0) != 0) continue;
      imported = true;
      if (!e.conditional && !top) top = &e;
    }
    if (!imported) {
      std::vector<std::string> names;
      for (const auto& [name, m] : graph.modules())
        if (m.kind != Module::Kind::kMissing && m.kind != Module::Kind::kExcluded) names.push_back(name);
      std::string near = ClosestName(x, names);
      ctx.status->Warning("--exclude-module " + x + ": never imported (no bundled code imports it)" +
                          (near.empty() ? "" : "; did you mean '" + near + "'?"));
    } else if (top) {
      ctx.status->Warning("--exclude-module " + x + ": imported at top level by " + top->importer + " (" +
                          top->where + "): an ImportError when " + top->importer + " is imported");
    }
  }
  return true;
}

}  // namespace freezer
