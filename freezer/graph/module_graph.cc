#include "freezer/graph/module_graph.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "archive/payload_format.h"
#include "archive/python_abi.h"
#include "freezer/graph/pyc_cache.h"
#include "freezer/graph/distributions.h"
#include "freezer/graph/implicit_imports.h"
#include "freezer/graph/import_forwarders.h"
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

// Whether `edge`, one of the modules an import of `target` added, is what
// the statement itself names (the module, its packages, a submodule in its
// fromlist), not a module the discovery of computed imports added.
bool NamedBy(const ImportRef& ref, const std::string& target, const std::string& edge) {
  if (edge == target || (target.size() > edge.size() && target.compare(0, edge.size(), edge) == 0 &&
                         target[edge.size()] == '.'))
    return true;
  for (const auto& item : ref.fromlist)
    if (edge == target + "." + item) return true;
  return false;
}

}  // namespace

int ImportRank(const ImportRef& ref) { return !ref.conditional ? 0 : ref.guarded ? 2 : 1; }

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
    if (payload::IsModuleInPackage(name, ex)) return true;
  return false;
}

const ImportExclusion* ModuleGraph::ExclusionOf(const std::string& importer, const std::string& target) const {
  for (const auto& x : options_.import_exclusions)
    if (payload::IsModuleInPackage(importer, x.importer_package) && payload::IsModuleInPackage(target, x.module))
      return &x;
  return nullptr;
}

// The source of `m` with its package rule's replacements made; each must
// match, or the rule no longer fits the installed package.
static bool EditedSource(Disk* disk, const Module& m, const std::vector<SourceEdit>& edits, std::string* source,
                  std::string* err) {
  if (!disk->ReadFile(m.path, source, err)) return false;
  for (const auto& e : edits) {
    size_t at = source->find(e.old_text);
    if (at == std::string::npos) {
      *err = e.origin + ": [[replace]] in module " + m.name + ": text not found in " + m.path + ": '" +
             e.old_text + "'";
      return false;
    }
    for (; at != std::string::npos; at = source->find(e.old_text, at + e.new_text.size()))
      source->replace(at, e.old_text.size(), e.new_text);
  }
  return true;
}

bool ModuleGraph::Compile(Module* m, const std::string& code_filename, std::string* err) {
  CompiledModule compiled;
  auto edits = options_.source_edits.find(m->name);
  if (edits != options_.source_edits.end() && !m->path.empty() && m->name != "__main__") {
    std::string source;
    if (!EditedSource(disk_, *m, edits->second, &source, err) ||
        !cache_->CompileText(source, code_filename, &compiled, err))
      return false;
  } else if (!cache_->Load(m->path, code_filename, m->name == "__main__", &compiled, err)) {
    // A module that does not compile (a Python 2 fixture, a file broken on
    // purpose) need not break the program: it raises its SyntaxError when
    // imported, as under python. The entry must compile.
    if (compiled.syntax_error_raiser.empty() || m->name == "__main__") return false;
    m->syntax_error = *err;
    err->clear();
    std::string raiser = std::move(compiled.syntax_error_raiser);
    compiled = CompiledModule();
    if (!cache_->CompileText(raiser, code_filename, &compiled, err)) return false;
    compiled.source.clear();
    compiled.imports.clear();
    compiled.codec_names.clear();
    compiled.name_strings.clear();
    compiled.names_file = false;  // the raiser's own __file__ read is no data
    compiled.frozen_off = false;
    compiled.import_forwarders.clear();
  }
  m->pyc = std::move(compiled.pyc);
  m->refs = std::move(compiled.imports);
  AddComputedImports(m->name, m);
  m->codec_names = std::move(compiled.codec_names);
  AddNamedModules(compiled.name_strings, m);
  m->names_file = compiled.names_file;
  m->frozen_off = compiled.frozen_off;
  m->import_forwarders = std::move(compiled.import_forwarders);
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
  // "pkg.__init__" is pkg/__init__.py imported once more as a plain module
  // (python's FileFinder allows it): the package's file, bundled once, which
  // the payload importer also serves under that name.
  constexpr std::string_view kInit = ".__init__";
  if (name.size() > kInit.size() && name.compare(name.size() - kInit.size(), kInit.size(), kInit) == 0) {
    Module* package = Resolve(name.substr(0, name.size() - kInit.size()), err);
    return package && package->kind == Module::Kind::kPackage ? package : nullptr;
  }
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
    std::vector<std::string> names_in_binary;
    std::string read_err;  // Collect reports an unreadable file
    if (!IsInterpreterLibraryPath(m.path) && cache_->NativeNames(m.path, &names_in_binary, &read_err))
      AddNativeImports(disk_, distributions(), names_in_binary, name, &m);
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

// The absolute name a (relative) import names; false, with a problem
// recorded, when it climbs beyond the top-level package.
bool ModuleGraph::AbsoluteTarget(const std::string& module_name, bool is_package, const ImportRef& ref,
                                 const std::string& where, std::string* target) {
  *target = ref.name;
  if (ref.level == 0) return true;
  std::string base = is_package ? module_name : Parent(module_name);
  bool ok = !base.empty();
  for (int up = 1; ok && up < ref.level; ++up) {
    base = Parent(base);
    ok = !base.empty();
  }
  if (!ok) {
    problems_.push_back(where + ": relative import beyond top-level package in '" + module_name + "'");
    return false;
  }
  *target = ref.name.empty() ? base : base + "." + ref.name;
  return true;
}

// A name read out of a binary or a string: worth resolving only when its
// top-level module exists (and is no builtin), so a miss leaves no trace.
bool ModuleGraph::ProbeMayFind(const std::string& target) {
  if (modules_.count(target)) return true;
  std::string top = target.substr(0, target.find('.'));
  if (IsBuiltinModule(top) || IsFrozenModule(top)) return false;
  if (modules_.count(top)) return true;
  if (probed_path_ != options_.search_path) {
    probed_tops_.clear();
    probed_path_ = options_.search_path;
  }
  auto [it, fresh] = probed_tops_.emplace(top, false);
  if (fresh) {
    Module probe;
    it->second = Locate(top, options_.search_path, &probe);
  }
  return it->second;
}

// What a found import brings besides itself: the package tree of a computed
// import's prefix, and the submodules of "from pkg import x".
bool ModuleGraph::FollowFound(const std::string& module_name, const ImportRef& ref,
                              const std::string& target, const Module* found,
                              std::vector<std::string>* edges, std::string* err) {
  edges->push_back(target);
  bool package = found->kind == Module::Kind::kPackage || found->kind == Module::Kind::kNamespace;
  // The modules a computed import may load are roots (with why), and edges
  // of the importer: they come with it, as surely as its import runs.
  size_t roots_before = roots_.size();
  if (ref.package_tree && package && !IsInterpreterLibraryPath(found->path) &&
      !AddComputedImportTargets(module_name, target, err))
    return false;
  for (size_t r = roots_before; r < roots_.size(); ++r) edges->push_back(roots_[r].first);
  if (!package && found->kind != Module::Kind::kFrozen) return true;
  for (const auto& item : ref.fromlist) {
    if (item == "*") continue;
    std::string sub = target + "." + item;
    if (Resolve(sub, err)) edges->push_back(sub);
    if (!err->empty()) return false;
  }
  return true;
}

bool ModuleGraph::ResolveRefs(const std::string& module_name, std::string* err,
                              const std::vector<size_t>* only) {
  Module& mod = modules_[module_name];
  std::vector<ImportRef> refs = mod.refs;
  const std::string where_file = mod.path.empty() ? mod.name : mod.path;
  bool is_package = mod.kind == Module::Kind::kPackage || mod.kind == Module::Kind::kNamespace;
  std::vector<std::string> edges;
  std::map<std::string, int> ranks;  // edge -> ImportRank of its most direct import
  std::set<std::string> body_edges;  // made by a statement of the module's body
  // Imports in `except ImportError` blocks after the others: they are needed
  // only when an import of their `try` is missing or may fail to load.
  std::vector<bool> uncertain(refs.size(), false);
  // Functions only a library module's own main guard calls: the standard
  // library's self-tests and CLIs are left out; anyone else's may be called
  // from elsewhere (an --entry function, `import pk.cli; pk.cli.run()`).
  const bool drop_main_only = IsInterpreterLibraryPath(mod.path);
  std::vector<size_t> order;
  for (size_t i = 0; i < refs.size() && !only; ++i)
    if (refs[i].alternative_to.empty() && refs[i].via.empty()) order.push_back(i);
  for (size_t i = 0; i < refs.size() && !only; ++i)
    if (!refs[i].alternative_to.empty() && refs[i].via.empty()) order.push_back(i);
  if (only) order = *only;
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
    // The --entry function runs first thing: its unguarded imports are as
    // sure as top-level ones.
    int rank = ImportRank(ref);
    bool entry_call = rank == 1 && !options_.entry_function.empty() && !ref.function.empty() &&
                      module_name == options_.entry_module && ref.function == options_.entry_function;
    if (entry_call) rank = 0;
    // A statement of the module's body (or the --entry function's), plain or
    // under `except ImportError`; not a fallback, a probe of a name found in
    // a string, or an import the freezer infers.
    const bool body_statement = (ref.function.empty() || entry_call) && (!ref.conditional || ref.guarded) &&
                                ref.alternative_to.empty() && !ref.only_if_found;
    std::string target;
    std::string where = where_file + ":" + std::to_string(ref.line);
    if (!AbsoluteTarget(module_name, is_package, ref, where, &target)) continue;
    if (const ImportExclusion* x = ExclusionOf(module_name, target)) {
      rule_excluded_imports_.push_back(module_name + " -> " + target + " (" + x->origin + ")");
      continue;
    }
    if (ref.child_main && !FollowsChildMain(module_name, mod.path, target)) continue;
    if (ref.only_if_found && !ProbeMayFind(target)) continue;
    // "import a.b.c" needs a, a.b and a.b.c; Resolve walks the parents.
    Module* found = Resolve(target, err);
    if (!err->empty()) return false;
    // A third-party extension may fail to load where it runs (a library it
    // needs, a CPU it was not built for); the interpreter's own load.
    if (!found || (found->kind == Module::Kind::kExtension && !IsInterpreterLibraryPath(found->path)))
      uncertain[index] = true;
    if (!found && ref.only_if_found) {
      // A probe, not an import: a string that names nothing leaves no trace.
      if (auto it = modules_.find(target); it != modules_.end() && it->second.kind == Module::Kind::kMissing)
        modules_.erase(it);
      continue;
    }
    // `import __main__` (pdb, rlcompleter, an --entry app) finds the module
    // the interpreter always makes, whatever the entry.
    if (!found && target == "__main__") continue;
    if (!found) {
      if (modules_[target].kind != Module::Kind::kExcluded) {
        // Report the outermost missing piece, once per importer.
        std::string missing = target;
        while (!Parent(missing).empty() && !Resolve(Parent(missing), err)) missing = Parent(missing);
        missing_.push_back({missing, module_name, where, rank != 0, ref.guarded});
      } else {
        excluded_.push_back({target, module_name, where, rank != 0, ref.guarded});
      }
      continue;
    }
    size_t before = edges.size();
    if (!FollowFound(module_name, ref, target, found, &edges, err)) return false;
    for (size_t e = before; e < edges.size(); ++e) {
      auto [it, fresh] = ranks.emplace(edges[e], rank);
      if (!fresh) it->second = std::min(it->second, rank);
      if (body_statement && NamedBy(ref, target, edges[e])) body_edges.insert(edges[e]);
    }
  }
  Module& again = modules_[module_name];  // the map may have grown; nodes are stable
  for (auto& e : edges)
    if (std::find(again.imports.begin(), again.imports.end(), e) == again.imports.end())
      again.imports.push_back(e);
  for (const auto& [e, rank] : ranks) {
    auto [it, fresh] = again.import_rank.emplace(e, rank);
    if (!fresh) it->second = std::min(it->second, rank);
  }
  again.body_imports.insert(body_edges.begin(), body_edges.end());
  return true;
}

bool ModuleGraph::Drain(std::string* err) {
  for (;;) {
    while (!pending_.empty()) {
      std::string name = pending_.back();
      pending_.pop_back();
      if (!ResolveRefs(name, err)) return false;
      ++resolved_;
    }
    if (resolved_ == resolved_at_forwarding_) return true;
    resolved_at_forwarding_ = resolved_;
    // Calls of import forwarders, once every module's imports (which say
    // what forwarders a caller can see) are known; they may bring more.
    auto forwarded = ForwardedImports(modules_, &forwarded_done_);
    if (forwarded.empty()) return true;
    for (const auto& [name, refs] : forwarded) {
      if (!ResolveRefs(name, err, &refs)) return false;
      ++resolved_;  // its new edges may show a caller more forwarders
    }
  }
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
  if (named.empty()) return AddPackageTree(package, why, err, /*skip_tests=*/true, importer);
  for (const auto& s : named) {
    if (Resolve(package + "." + s, err)) AddRoot(package + "." + s, why, importer);
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

bool ModuleGraph::AddOptionalModule(const std::string& name, const std::string& reason, bool* found,
                                    std::string* err, const std::string& cause) {
  const Module* m = Resolve(name, err);
  if (!err->empty()) return false;
  *found = m && m->kind != Module::Kind::kExcluded;
  if (*found) AddRoot(name, reason, cause);
  return Drain(err);
}

bool ModuleGraph::AddNamedCodecs(std::string* err) {
  auto encodings = modules_.find("encodings");
  if (encodings == modules_.end() || encodings->second.kind != Module::Kind::kPackage) return true;
  std::vector<std::string> dirs = encodings->second.package_dirs;
  for (bool grew = true; grew;) {
    grew = false;
    std::vector<std::tuple<std::string, std::string, std::string>> wanted;  // codec module, why, naming module
    for (const auto& [name, m] : modules_) {
      // Tables of every codec name, not uses of one.
      if (name == "encodings.aliases" || name == "locale") continue;
      if (m.codec_names.empty() || !codec_scanned_.insert(name).second) continue;
      for (const auto& s : m.codec_names) {
        std::string codec = CodecModuleFor(s);
        if (codec.empty() || !payload::IsValidModuleName(codec) || modules_.count("encodings." + codec)) continue;
        for (const auto& dir : dirs) {
          if (disk_->Stat(JoinPath(dir, codec + ".py")).type == FileInfo::Type::kFile) {
            wanted.emplace_back(codec, "codec '" + s + "' named in " + name, name);
            break;
          }
        }
      }
    }
    for (const auto& [codec, why, by] : wanted) {
      if (modules_.count("encodings." + codec)) continue;
      if (!AddModule("encodings." + codec, err)) return false;
      AddRoot("encodings." + codec, why, by);
      grew = true;
    }
  }
  return true;
}

bool ModuleGraph::AddSelfListingTestSuites(std::string* err) {
  for (bool grew = true; grew;) {
    grew = false;
    std::vector<std::string> suites;
    for (const auto& [name, m] : modules_) {
      if (IsSelfListingTestSuite(name, m) && listed_suites_.insert(name).second)
        suites.push_back(name);
    }
    for (const auto& name : suites) {
      if (!AddPackageTree(name, "test suite that lists its own directory", err, false, name)) return false;
      grew = true;
    }
  }
  return true;
}

bool ModuleGraph::AddPackageTree(const std::string& name, const std::string& reason,
                                 std::string* err, bool skip_tests, const std::string& cause) {
  Module* pkg = Resolve(name, err);
  if (!pkg) {
    if (err->empty()) *err = "package '" + name + "' not found on the search path";
    return false;
  }
  AddRoot(name, reason, cause);
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
        if (skip_tests && IsTestSuiteName(child)) continue;
        if (!AddPackageTree(name + "." + child, reason, err, skip_tests, cause)) {
          if (!err->empty() && err->find("not found") == std::string::npos) return false;
          err->clear();
        }
        continue;
      } else {
        continue;
      }
      if (Resolve(name + "." + child, err)) AddRoot(name + "." + child, reason, cause);
      if (!err->empty()) return false;
    }
  }
  return Drain(err);
}

}  // namespace freezer
