#include "freezer/graph/module_graph.h"

#include <algorithm>
#include <set>

#include "archive/payload_format.h"
#include "archive/python_abi.h"
#include "freezer/graph/pyc_cache.h"
#include "freezer/graph/distributions.h"
#include "freezer/graph/python_runtime.h"
#include "freezer/native/binary_module_names.h"

namespace freezer {

namespace {

std::string Parent(const std::string& name) {
  size_t dot = name.rfind('.');
  return dot == std::string::npos ? "" : name.substr(0, dot);
}

std::string Last(const std::string& name) {
  size_t dot = name.rfind('.');
  return dot == std::string::npos ? name : name.substr(dot + 1);
}

std::string ArchiveBase(const std::string& name) {
  std::string base = name;
  std::replace(base.begin(), base.end(), '.', '/');
  return base;
}

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

bool IsStdlibName(const std::string& top);
bool IsInterpreterLibrary(const std::string& path);

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

// Module names a directory offers: "x" for x.py, x/, x.<ext suffix>.
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
void AddNativeImports(Disk* disk, const Distributions& dists, const std::string& name, Module* m) {
  std::string binary, err;
  if (!disk->ReadFile(m->path, &binary, &err)) return;  // Collect reports it
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
  for (std::string& s : ModuleNamesInBinary(binary)) {
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

// Modules a third-party module names in its string constants, within its
// own top-level package and at least two levels down: registries of what it
// imports by name (pygments' lexer and formatter mappings, SQLAlchemy's
// preloaded modules). Probes, quiet when nothing has the name.
void AddNamedModules(const std::vector<std::string>& strings, Module* m) {
  if (strings.empty() || IsInterpreterLibrary(m->path) || m->name == "__main__") return;
  std::string top = m->name.substr(0, m->name.find('.')) + ".";
  std::set<std::string> seen;
  for (const auto& s : strings) {
    if (s.compare(0, top.size(), top) != 0 || s == m->name || !seen.insert(s).second) continue;
    // A registry names modules deep in the package ("pkg.lexers.python");
    // "pkg.testing" or "pkg.distutils" in a message is no import of it.
    if (std::count(s.begin(), s.end(), '.') < 2 || s.find(".test") != std::string::npos) continue;
    ImportRef ref;
    ref.name = s;
    ref.conditional = true;
    ref.only_if_found = true;
    m->refs.push_back(std::move(ref));
  }
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
bool IsInterpreterLibrary(const std::string& path) {
  static const std::vector<std::string> dirs = InterpreterSearchPath();
  for (const auto& d : dirs)
    if (path.size() > d.size() && path.compare(0, d.size(), d) == 0 && path[d.size()] == '/') return true;
  return false;
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

}  // namespace

const char* ModuleKindName(Module::Kind k) {
  switch (k) {
    case Module::Kind::kSource: return "module";
    case Module::Kind::kPackage: return "package";
    case Module::Kind::kNamespace: return "namespace";
    case Module::Kind::kExtension: return "extension";
    case Module::Kind::kBuiltin: return "builtin";
    case Module::Kind::kFrozen: return "frozen";
    case Module::Kind::kMissing: return "missing";
    case Module::Kind::kExcluded: return "excluded";
  }
  return "?";
}

ModuleGraph::ModuleGraph(Disk* disk, PycCache* cache, GraphOptions options)
    : disk_(disk), cache_(cache), options_(std::move(options)) {}

bool ModuleGraph::IsExcluded(const std::string& name) const {
  for (const auto& ex : options_.excludes)
    if (name == ex || (name.size() > ex.size() && name.compare(0, ex.size(), ex) == 0 &&
                       name[ex.size()] == '.'))
      return true;
  return false;
}

bool ModuleGraph::Compile(Module* m, const std::string& code_filename, std::string* err) {
  CompiledModule compiled;
  if (!cache_->Load(m->path, code_filename, m->name == "__main__", &compiled, err)) return false;
  m->pyc = std::move(compiled.pyc);
  m->refs = std::move(compiled.imports);
  AddComputedImports(m->name, m);
  m->codec_names = std::move(compiled.codec_names);
  AddNamedModules(compiled.name_strings, m);
  m->names_file = compiled.names_file;
  if (options_.include_source) m->source = std::move(compiled.source);
  pending_.push_back(m->name);
  return true;
}

bool ModuleGraph::Locate(const std::string& name, const std::vector<std::string>& dirs,
                         Module* m) {
  std::string last = Last(name);
  std::vector<std::string> portions;  // namespace package directories
  for (const auto& dir : dirs) {
    std::string pkg = JoinPath(dir, last);
    bool is_dir = disk_->Stat(pkg).type == FileInfo::Type::kDir;
    if (is_dir) {
      std::string init = JoinPath(pkg, "__init__.py");
      if (disk_->Stat(init).type == FileInfo::Type::kFile) {
        m->kind = Module::Kind::kPackage;
        m->path = init;
        m->package_dirs = {pkg};
        m->archive_path = ArchiveBase(name) + "/__init__.py";
        return true;
      }
    }
    for (std::string_view ext : payload::kExtensionSuffixes) {
      std::string suffix(ext);
      std::string so = JoinPath(dir, last + suffix);
      if (disk_->Stat(so).type == FileInfo::Type::kFile) {
        m->kind = Module::Kind::kExtension;
        m->path = so;
        std::string parent = Parent(name);
        m->archive_path = (parent.empty() ? "" : ArchiveBase(parent) + "/") + last + suffix;
        return true;
      }
    }
    std::string py = JoinPath(dir, last + ".py");
    if (disk_->Stat(py).type == FileInfo::Type::kFile) {
      m->kind = Module::Kind::kSource;
      m->path = py;
      m->archive_path = ArchiveBase(name) + ".py";
      return true;
    }
    if (is_dir) portions.push_back(pkg);
  }
  if (!portions.empty()) {  // PEP 420: a package made of every portion found
    m->kind = Module::Kind::kNamespace;
    m->path = portions.front();
    m->package_dirs = portions;
    m->archive_path = ArchiveBase(name) + "/__init__.py";
    return true;
  }
  return false;
}

Module* ModuleGraph::Resolve(const std::string& name, std::string* err) {
  auto it = modules_.find(name);
  if (it != modules_.end()) return it->second.kind == Module::Kind::kMissing ? nullptr : &it->second;

  Module m;
  m.name = name;
  if (!payload::IsValidModuleName(name)) {
    modules_[name] = m;  // missing: no file can provide it
    return nullptr;
  }
  std::string parent = Parent(name);
  const std::vector<std::string>* dirs = &options_.search_path;
  if (IsExcluded(name)) {
    m.kind = Module::Kind::kExcluded;
  } else if (name == "importlib._bootstrap" || name == "importlib._bootstrap_external") {
    // importlib/__init__ installs the frozen _frozen_importlib(_external)
    // under these names; their files are never loaded.
    m.kind = Module::Kind::kFrozen;
    FrozenModuleImports(name == "importlib._bootstrap" ? "_frozen_importlib" : "_frozen_importlib_external",
                        &m.refs, &m.codec_names);
    pending_.push_back(name);
  } else if (IsBuiltinModule(name)) {
    m.kind = Module::Kind::kBuiltin;
    AddImplicitImports(name, &m);
  } else if (IsFrozenModule(name)) {
    // Served by libpython itself; what it imports may not be.
    m.kind = Module::Kind::kFrozen;
    FrozenModuleImports(name, &m.refs, &m.codec_names);
    pending_.push_back(name);
  } else {
    if (!parent.empty()) {
      Module* p = Resolve(parent, err);
      if (!p || (p->kind != Module::Kind::kPackage && p->kind != Module::Kind::kNamespace &&
                 p->kind != Module::Kind::kFrozen)) {
        modules_[name] = m;  // missing (its parent is)
        return nullptr;
      }
      dirs = &p->package_dirs;
    }
    if (!Locate(name, *dirs, &m)) {
      modules_[name] = m;  // kMissing
      return nullptr;
    }
  }
  // A frozen submodule's package may not be frozen (importlib.machinery is,
  // importlib is not): importing the one imports the other.
  if (m.kind == Module::Kind::kFrozen && !parent.empty()) {
    Resolve(parent, err);
    if (!err->empty()) return nullptr;
  }
  if (m.kind == Module::Kind::kExtension) {
    AddImplicitImports(name, &m);
    if (!IsInterpreterLibrary(m.path)) AddNativeImports(disk_, distributions(), name, &m);
  }
  if ((m.kind == Module::Kind::kBuiltin || m.kind == Module::Kind::kExtension) && !m.refs.empty())
    pending_.push_back(name);
  Module& stored = modules_[name] = std::move(m);
  if (stored.kind == Module::Kind::kSource || stored.kind == Module::Kind::kPackage) {
    if (!Compile(&stored, stored.archive_path, err)) return nullptr;
  } else if (stored.kind == Module::Kind::kNamespace) {
    CompiledModule empty;
    if (!CompileEmptyPackage(stored.archive_path, &empty, err)) return nullptr;
    stored.pyc = std::move(empty.pyc);
  }
  if (stored.kind == Module::Kind::kExcluded) return nullptr;
  return &stored;
}

bool ModuleGraph::ResolveRefs(const std::string& module_name, std::string* err) {
  Module& mod = modules_[module_name];
  std::vector<ImportRef> refs = mod.refs;
  const std::string where_file = mod.path.empty() ? mod.name : mod.path;
  bool is_package = mod.kind == Module::Kind::kPackage || mod.kind == Module::Kind::kNamespace;
  std::vector<std::string> edges;
  // Imports in `except ImportError` blocks after the others: they are needed
  // only when an import of their `try` is missing or may fail to load.
  std::vector<bool> uncertain(refs.size(), false);
  // Functions only a library module's own main guard calls: the standard
  // library's self-tests and CLIs are left out; anyone else's may be called
  // from elsewhere (an --entry function, `import pk.cli; pk.cli.run()`).
  const bool drop_main_only = IsInterpreterLibrary(mod.path);
  std::vector<size_t> order;
  for (size_t i = 0; i < refs.size(); ++i)
    if (refs[i].alternative_to.empty()) order.push_back(i);
  for (size_t i = 0; i < refs.size(); ++i)
    if (!refs[i].alternative_to.empty()) order.push_back(i);
  for (size_t index : order) {
    const ImportRef& ref = refs[index];
    if (ref.platform) continue;  // another platform's module: not followed
    if (ref.main_only && drop_main_only) continue;
    if (!ref.alternative_to.empty()) {
      bool needed = false;
      for (size_t primary : ref.alternative_to)
        needed = needed || (primary < uncertain.size() && uncertain[primary]);
      if (!needed) continue;
    }
    if (ref.conditional && IsLazyEdge(module_name, ref.name)) continue;
    std::string target = ref.name;
    std::string where = where_file + ":" + std::to_string(ref.line);
    if (ref.level > 0) {
      std::string base = is_package ? module_name : Parent(module_name);
      bool ok = !base.empty();
      for (int up = 1; ok && up < ref.level; ++up) {
        base = Parent(base);
        ok = !base.empty();
      }
      if (!ok) {
        problems_.push_back(where + ": relative import beyond top-level package in '" +
                            module_name + "'");
        continue;
      }
      target = ref.name.empty() ? base : base + "." + ref.name;
    }
    // A name read out of a binary: probed without a trace when nothing has it.
    if (ref.only_if_found && !modules_.count(target)) {
      std::string top = target.substr(0, target.find('.'));
      Module probe;
      if (IsBuiltinModule(top) || IsFrozenModule(top)) continue;
      if (!modules_.count(top) && !Locate(top, options_.search_path, &probe)) continue;
    }
    // "import a.b.c" needs a, a.b and a.b.c; Resolve walks the parents.
    Module* found = Resolve(target, err);
    if (!err->empty()) return false;
    // A third-party extension may fail to load where it runs (a library it
    // needs, a CPU it was not built for); the interpreter's own load.
    if (!found || (found->kind == Module::Kind::kExtension && !IsInterpreterLibrary(found->path)))
      uncertain[index] = true;
    if (!found && ref.only_if_found) {
      // A probe, not an import: a string that names nothing leaves no trace.
      if (auto it = modules_.find(target); it != modules_.end() && it->second.kind == Module::Kind::kMissing)
        modules_.erase(it);
      continue;
    }
    if (!found) {
      if (modules_[target].kind != Module::Kind::kExcluded) {
        // Report the outermost missing piece, once per importer.
        std::string missing = target;
        while (!Parent(missing).empty() && !Resolve(Parent(missing), err)) missing = Parent(missing);
        missing_.push_back({missing, module_name, where, ref.conditional});
      }
      continue;
    }
    edges.push_back(target);
    if (ref.package_tree && !IsInterpreterLibrary(found->path) &&
        (found->kind == Module::Kind::kPackage || found->kind == Module::Kind::kNamespace) &&
        !AddComputedImportTargets(module_name, target, err))
      return false;
    // "from pkg import x": x is a submodule when the package has one.
    if (found->kind == Module::Kind::kPackage || found->kind == Module::Kind::kNamespace ||
        found->kind == Module::Kind::kFrozen) {
      for (const auto& item : ref.fromlist) {
        if (item == "*") continue;
        std::string sub = target + "." + item;
        if (Resolve(sub, err)) edges.push_back(sub);
        if (!err->empty()) return false;
      }
    }
  }
  Module& again = modules_[module_name];  // the map may have grown; nodes are stable
  for (auto& e : edges)
    if (std::find(again.imports.begin(), again.imports.end(), e) == again.imports.end())
      again.imports.push_back(e);
  return true;
}

bool ModuleGraph::Drain(std::string* err) {
  while (!pending_.empty()) {
    std::string name = pending_.back();
    pending_.pop_back();
    if (!ResolveRefs(name, err)) return false;
  }
  return true;
}

// import_module(prefix + name) in `importer`: the submodules of `package`
// that the importer's or the package's string constants name (PIL's
// _plugins list for PIL.Image's "PIL.%s"); when they name none, every
// module of the package (but its tests).
bool ModuleGraph::AddComputedImportTargets(const std::string& importer, const std::string& package,
                                           std::string* err) {
  std::string why = "modules of '" + package + "' imported by a computed name in " + importer;
  const Module& imp = modules_[importer];
  const Module& pkg = modules_[package];
  std::set<std::string> offered;
  for (const auto& dir : pkg.package_dirs) {
    std::set<std::string> in_dir = ModulesInDir(disk_, dir);
    offered.insert(in_dir.begin(), in_dir.end());
  }
  std::vector<std::string> strings;
  for (const Module* m : {&imp, &pkg}) {  // the registry may live in the package (PIL._plugins)
    PyRef code;
    if (m->pyc.size() > payload::kPycHeaderSize &&
        UnmarshalCode(std::string_view(m->pyc).substr(payload::kPycHeaderSize), &code))
      ScanIdentifierStrings(code.get(), &strings);
  }
  std::vector<std::string> named;
  for (const auto& s : strings)
    if (offered.count(s) && s != "__init__" && s != "__main__" &&
        std::find(named.begin(), named.end(), s) == named.end())
      named.push_back(s);
  if (named.empty()) return AddPackageTree(package, why, err, /*skip_tests=*/true);
  for (const auto& s : named) {
    if (Resolve(package + "." + s, err)) AddRoot(package + "." + s, why);
    if (!err->empty()) return false;
  }
  return true;
}

const Distributions& ModuleGraph::distributions() {
  if (!distributions_) distributions_ = std::make_unique<Distributions>(disk_, options_.search_path);
  return *distributions_;
}

bool ModuleGraph::AddScript(const std::string& path, std::string* err) {
  Module m;
  m.name = "__main__";
  m.kind = Module::Kind::kSource;
  m.path = path;
  m.archive_path = "__main__.py";
  Module& stored = modules_["__main__"] = std::move(m);
  AddRoot("__main__", "entry script " + Basename(path));
  if (!Compile(&stored, Basename(path), err)) return false;
  return Drain(err);
}

bool ModuleGraph::AddGeneratedModule(const std::string& name, const std::string& source,
                                     std::string* err) {
  Module m;
  m.name = name;
  m.kind = Module::Kind::kSource;
  m.archive_path = ArchiveBase(name) + ".py";
  CompiledModule compiled;
  if (!cache_->CompileText(source, m.archive_path, &compiled, err)) return false;
  m.pyc = std::move(compiled.pyc);
  m.refs = std::move(compiled.imports);
  m.codec_names = std::move(compiled.codec_names);
  if (options_.include_source) m.source = std::move(compiled.source);
  modules_[name] = std::move(m);
  AddRoot(name, "freezer's run-time support");
  pending_.push_back(name);
  return Drain(err);
}

bool ModuleGraph::AddModule(const std::string& name, std::string* err) {
  if (!Resolve(name, err)) {
    if (err->empty()) *err = "module '" + name + "' not found on the search path";
    return false;
  }
  return Drain(err);
}

bool ModuleGraph::AddNamedCodecs(std::string* err) {
  auto encodings = modules_.find("encodings");
  if (encodings == modules_.end() || encodings->second.kind != Module::Kind::kPackage) return true;
  std::vector<std::string> dirs = encodings->second.package_dirs;
  for (bool grew = true; grew;) {
    grew = false;
    std::vector<std::pair<std::string, std::string>> wanted;  // codec module, why
    for (const auto& [name, m] : modules_) {
      // Tables of every codec name, not uses of one.
      if (name == "encodings.aliases" || name == "locale") continue;
      if (m.codec_names.empty() ||
          std::find(codec_scanned_.begin(), codec_scanned_.end(), name) != codec_scanned_.end())
        continue;
      codec_scanned_.push_back(name);
      for (const auto& s : m.codec_names) {
        std::string codec = CodecModuleFor(s);
        if (codec.empty() || !payload::IsValidModuleName(codec) || modules_.count("encodings." + codec)) continue;
        for (const auto& dir : dirs) {
          if (disk_->Stat(JoinPath(dir, codec + ".py")).type == FileInfo::Type::kFile) {
            wanted.emplace_back(codec, "codec '" + s + "' named in " + name);
            break;
          }
        }
      }
    }
    for (const auto& [codec, why] : wanted) {
      if (modules_.count("encodings." + codec)) continue;
      if (!AddModule("encodings." + codec, err)) return false;
      AddRoot("encodings." + codec, why);
      grew = true;
    }
  }
  return true;
}

bool ModuleGraph::AddPackageTree(const std::string& name, const std::string& reason,
                                 std::string* err, bool skip_tests) {
  Module* pkg = Resolve(name, err);
  if (!pkg) {
    if (err->empty()) *err = "package '" + name + "' not found on the search path";
    return false;
  }
  AddRoot(name, reason);
  if (pkg->kind != Module::Kind::kPackage && pkg->kind != Module::Kind::kNamespace)
    return Drain(err);
  std::vector<std::string> dirs = pkg->package_dirs;
  for (const auto& dir : dirs) {
    std::vector<std::string> names;
    if (!disk_->ListDir(dir, &names)) continue;
    for (const auto& entry : names) {
      std::string child;
      if (entry.size() > 3 && entry.compare(entry.size() - 3, 3, ".py") == 0) {
        child = entry.substr(0, entry.size() - 3);
        if (child == "__init__") continue;
      } else if (entry != "__pycache__" && entry.find('.') == std::string::npos &&
                 disk_->Stat(JoinPath(dir, entry)).type == FileInfo::Type::kDir) {
        child = entry;
        if (skip_tests && (child == "tests" || child == "test" || child == "testing")) continue;
        if (!AddPackageTree(name + "." + child, reason, err, skip_tests)) {
          if (!err->empty() && err->find("not found") == std::string::npos) return false;
          err->clear();
        }
        continue;
      } else {
        continue;
      }
      if (Resolve(name + "." + child, err)) AddRoot(name + "." + child, reason);
      if (!err->empty()) return false;
    }
  }
  return Drain(err);
}

bool IsInterpreterLibraryPath(const std::string& path) { return IsInterpreterLibrary(path); }

}  // namespace freezer
