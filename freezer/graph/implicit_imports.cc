#include "freezer/graph/implicit_imports.h"

#include <algorithm>

#include "archive/python_abi.h"
#include "freezer/graph/python_runtime.h"

namespace freezer {

namespace {

// Standard-library packages no extension imports from C, though their
// names are common words in binaries; the rest of the library is small.
bool NeverProbed(const std::string& top) {
  static const char* const kNames[] = {"test", "idlelib", "tkinter", "turtle", "turtledemo",
                                       "lib2to3", "ensurepip", "venv", "pydoc_data", "this",
                                       "antigravity", "__main__", "__hello__", "__phello__"};
  for (const char* n : kNames)
    if (top == n) return true;
  return false;
}

}  // namespace

// Imports that C modules make from C, where no bytecode shows them.
void AddImplicitImports(const std::string& name, Module* m) {
  static const struct { const char* module; const char* imports[4]; } kTable[] = {
      {"_socket", {"encodings.idna"}},          // host names are encoded with 'idna'
      {"time", {"_strptime"}},                  // time.strptime
      {"_datetime", {"_strptime", "time"}},     // datetime.strptime
      {"_pickle", {"copyreg", "_compat_pickle"}},
      {"_elementtree", {"xml.etree.ElementPath", "copy"}},
      {"_decimal", {"numbers", "collections", "contextvars"}},
      {"_ssl", {"_socket"}},
      {"_json", {"json.decoder"}},              // JSONDecodeError
  };
  for (const auto& e : kTable) {
    if (name != e.module) continue;
    for (const char* i : e.imports) {
      if (!i) break;
      ImportRef ref;
      ref.name = i;
      m->refs.push_back(ref);
    }
  }
}

std::set<std::string> ModulesInDir(Disk* disk, const std::string& dir) {
  std::set<std::string> out;
  std::vector<std::string> names;
  if (!disk->ListDir(dir, &names)) return out;
  for (const auto& n : names) {
    if (n.size() > 3 && n.compare(n.size() - 3, 3, ".py") == 0) out.insert(n.substr(0, n.size() - 3));
    else if (std::string_view suffix = payload::ExtensionSuffixOf(n); !suffix.empty())
      out.insert(n.substr(0, n.size() - suffix.size()));
    else if (n.find('.') == std::string::npos) out.insert(n);
  }
  return out;
}

// Imports an extension makes from native code (C, Cython, cffi, mypyc): the
// strings of its binary that name modules of its own distribution (lxml.etree's
// "_elementpath", relative to its package; Cython cimports such as
// scipy.linalg.cython_lapack; mypy's modules in mypyc's shared runtime), of
// the distributions it requires (typing_extensions), private top-level
// runtimes (cffi's _cffi_backend, mypyc's "<hash>__mypyc") and the standard
// library (a mypyc-compiled module imports argparse from C). All are probes:
// followed only when such a module exists, never reported missing.
void AddNativeImports(Disk* disk, const Distributions& dists, const std::vector<std::string>& names_in_binary,
                      const std::string& name, Module* m) {
  std::string top = name.substr(0, name.find('.'));
  std::string parent = name.rfind('.') == std::string::npos ? "" : name.substr(0, name.rfind('.'));
  std::set<std::string> own = {top}, required;
  if (const Distribution* d = dists.Providing(top)) {
    own.insert(d->top_levels.begin(), d->top_levels.end());
    for (const auto& r : d->requires_) {
      const Distribution* rd = dists.Named(r);
      if (rd) required.insert(rd->top_levels.begin(), rd->top_levels.end());
      else required.insert(r);
    }
  }
  // Where a bare name may be a submodule: the extension's own package, or
  // (for a top-level binary such as mypyc's runtime) its distribution's packages.
  std::map<std::string, std::set<std::string>> packages;
  if (!parent.empty()) {
    packages[parent] = ModulesInDir(disk, Dirname(m->path));
  } else {
    for (const auto& t : own)
      if (t != top) packages[t] = ModulesInDir(disk, JoinPath(Dirname(m->path), t));
  }
  auto probe = [&](std::string target) {
    ImportRef ref;
    ref.name = std::move(target);
    ref.conditional = true;
    ref.only_if_found = true;
    m->refs.push_back(std::move(ref));
  };
  for (const std::string& s : names_in_binary) {
    if (s == name) continue;
    std::string s_top = s.substr(0, s.find('.'));
    bool bare = s.find('.') == std::string::npos;
    if (bare)
      for (const auto& [pkg, mods] : packages)
        if (mods.count(s)) probe(pkg + "." + s);  // from . import s
    if (NeverProbed(s_top)) continue;
    if ((own.count(s_top) && !bare) || required.count(s_top) || IsStdlibName(s_top) ||
        (bare && (s[0] == '_' || s.find("__mypyc") != std::string::npos)))
      probe(s);
  }
}

// Modules a module names in its string constants: registries of what it
// imports by name. In a third-party module, names within its own top-level
// package and at least two levels down (pygments' lexer and formatter
// mappings, SQLAlchemy's preloaded modules); in the program's own code, any
// dotted name (a settings module's INSTALLED_APPS, database ENGINE and
// template BACKEND: "django.db.backends.sqlite3"). Probes, quiet when
// nothing has the name.
void AddNamedModules(const std::vector<std::string>& strings, Module* m) {
  if (strings.empty() || IsInterpreterLibraryPath(m->path)) return;
  const bool program = m->name == "__main__" || IsProgramCode(m->path);
  std::string top = m->name.substr(0, m->name.find('.')) + ".";
  std::set<std::string> seen;
  for (const auto& s : strings) {
    if (s == m->name || !seen.insert(s).second) continue;
    if (!program) {
      if (s.compare(0, top.size(), top) != 0) continue;
      // A registry names modules deep in the package ("pkg.lexers.python");
      // "pkg.testing" or "pkg.distutils" in a message is no import of it.
      if (std::count(s.begin(), s.end(), '.') < 2 || s.find(".test") != std::string::npos) continue;
    }
    ImportRef ref;
    ref.name = s;
    ref.conditional = true;
    ref.only_if_found = true;
    m->refs.push_back(std::move(ref));
  }
}

bool FollowsChildMain(const std::string& importer, const std::string& path, const std::string& target) {
  if (importer == "__main__" || IsProgramCode(path)) return true;
  std::string top = target.substr(0, target.find('.'));
  return IsStdlibName(top) || top == importer.substr(0, importer.find('.'));
}

// Imports that standard-library Python modules make by names they compute
// from the interpreter itself, where no bytecode shows the name.
void AddComputedImports(const std::string& name, Module* m) {
  if (name != "sysconfig") return;
  ImportRef ref;
  ref.name = SysconfigDataName();  // sysconfig._init_posix: __import__(name)
  ref.conditional = true;
  if (!ref.name.empty()) m->refs.push_back(std::move(ref));
}

// sys.stdlib_module_names: a top-level module of the standard library.
bool IsStdlibName(const std::string& top) {
  static const std::vector<std::string> list = StdlibModuleNames();
  static const std::set<std::string> names(list.begin(), list.end());
  return names.count(top) > 0;
}

// A file of the interpreter's own library (not dist-packages, not the program).
bool IsInterpreterLibraryPath(const std::string& path) {
  static const std::vector<std::string> dirs = InterpreterSearchPath();
  for (const auto& d : dirs)
    if (path.size() > d.size() && path.compare(0, d.size(), d) == 0 && path[d.size()] == '/') return true;
  return false;
}

bool IsProgramCode(const std::string& path) {
  return !path.empty() && !IsInterpreterLibraryPath(path) &&
         path.find("/site-packages/") == std::string::npos &&
         path.find("/dist-packages/") == std::string::npos;
}

// Function-level imports of the import system itself that cannot run in an
// app: following them would bundle a good part of the standard library.
bool IsLazyEdge(const std::string& importer, const std::string& imported) {
  static const struct { const char* importer; const char* imported; } kEdges[] = {
      // PathFinder.find_distributions: called only by importlib.metadata.
      {"_frozen_importlib_external", "importlib.metadata"},
      // FileLoader/NamespaceLoader.get_resource_reader: an app has no
      // file-based loaders (its modules come from the payload importer).
      {"_frozen_importlib_external", "importlib.readers"},
  };
  // CPython's own regression tests (the `test` package) are imported from
  // functions only the test suite calls (multiprocessing.util._cleanup_tests).
  auto in_test = [](const std::string& n) { return n == "test" || n.rfind("test.", 0) == 0; };
  if (in_test(imported) && !in_test(importer)) return true;
  std::string who = importer == "importlib._bootstrap_external" ? "_frozen_importlib_external" : importer;
  for (const auto& e : kEdges)
    if (who == e.importer && imported == e.imported) return true;
  return false;
}

}  // namespace freezer
