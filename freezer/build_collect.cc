#include "freezer/build_context.h"

#include <algorithm>
#include <map>
#include <set>

#include "archive/boot_manifest.h"
#include "archive/member_paths.h"
#include "archive/native_manifest.h"
#include "archive/payload_digest.h"
#include "freezer/disk.h"
#include "freezer/graph/import_chains.h"
#include "freezer/graph/import_reach.h"
#include "freezer/graph/missing_imports.h"
#include "freezer/graph/package_data.h"
#include "freezer/graph/python_runtime.h"
#include "freezer/human_units.h"
#include "freezer/module_on_path.h"
#include "freezer/package_sizes.h"

namespace freezer {

namespace {

// A member the freezer writes itself (manifests, the import graph).
void AddMember(BuildContext& ctx, std::string_view name, payload::EntryKind kind, std::string bytes,
               bool compress = false) {
  payload::PayloadEntry e;
  e.name = std::string(name);
  e.kind = kind;
  e.bytes = std::move(bytes);
  e.compress = compress;
  ctx.entries.push_back(std::move(e));
}

// Bytecode that start-up does not import (StartupImports: modules reached
// only through an import in a function, or found by discovery: hidden and
// computed imports, the codecs bundled for run-time lookup, rule additions)
// is stored zstd-compressed unless --store-bytecode: most programs import
// little of it, and a module imported later costs its frame's
// decompression (about 12 instructions a byte, measured on stdlib_tour).
// What start-up imports stays stored, read in place.
// Level 9, not the small-file 19 of native code: 4% larger, a third of the
// time on a first build (5.7 MB of stdlib bytecode: 2.24 against 2.16 MB).
constexpr int kLaterBytecodeZstdLevel = 9;

// Native code is most of an app's bytes, and the stub decompresses each file
// once (into the shared cache, or a memfd), never on every start: always
// compressed, with zstd (archive/zstd.h), whatever --compress says.
void CompressNative(payload::PayloadEntry* e) {
  e->compress = true;
  e->method = payload::Compression::kZstd;
}

// Modules, packages, sources and extensions of the graph as entries.
bool CollectModules(BuildContext& ctx) {
  const BuildOptions& o = ctx.options;
  const std::set<std::string> startup = StartupImports(*ctx.graph);
  for (const auto& [name, m] : ctx.graph->modules()) {
    payload::PayloadEntry e;
    e.compress = o.compress;
    if (IsPythonModule(m.kind)) {
      if (!o.compress && !o.store_bytecode && !startup.count(name)) {
        e.compress = true;
        e.method = payload::Compression::kZstd;
        e.zstd_level = kLaterBytecodeZstdLevel;
      }
      e.name = name;
      e.kind = m.kind == Module::Kind::kSource ? payload::EntryKind::kModule : payload::EntryKind::kPackage;
      e.bytes = m.pyc;
      ctx.entries.push_back(std::move(e));
      if (!m.source.empty() || (o.include_source && m.kind != Module::Kind::kNamespace)) {
        payload::PayloadEntry s;
        s.name = m.archive_path;
        s.kind = payload::EntryKind::kSource;
        s.bytes = m.source;
        s.compress = o.compress;
        ctx.entries.push_back(std::move(s));
      }
    } else if (m.kind == Module::Kind::kExtension) {
      e.name = m.archive_path;
      e.kind = payload::EntryKind::kExtension;
      CompressNative(&e);
      if (!ctx.disk->ReadFile(m.path, &e.bytes, &ctx.err)) return false;
      ctx.entries.push_back(std::move(e));
    }
  }
  return true;
}

// How the stub starts: the entry and the options baked into the app.
bool MakeBootManifest(BuildContext& ctx, payload::BootManifest* manifest) {
  const BuildOptions& o = ctx.options;
  if (!o.script.empty()) {
    manifest->entry_kind = payload::BootManifest::EntryKind::kScript;
    manifest->script_name = Basename(o.script);
  } else if (!o.module.empty()) {
    manifest->entry_kind = payload::BootManifest::EntryKind::kModule;
    manifest->entry_target = o.module;
  } else {
    manifest->entry_kind = payload::BootManifest::EntryKind::kFunction;
    manifest->entry_target = o.function;
  }
  for (const auto& p : o.extract_packages) {
    auto it = ctx.graph->modules().find(p);
    if (it != ctx.graph->modules().end() && (it->second.kind == Module::Kind::kPackage ||
                                             it->second.kind == Module::Kind::kNamespace)) {
      manifest->extract_packages.push_back(p);
      continue;
    }
    // A top-level directory of --add-data files, no package: written at
    // start, beside where the script's __file__ then is.
    bool data_dir = p.find_first_of("./") == std::string::npos && it == ctx.graph->modules().end() &&
                    std::any_of(ctx.entries.begin(), ctx.entries.end(), [&](const payload::PayloadEntry& e) {
                      return e.kind == payload::EntryKind::kData && e.name.rfind(p + "/", 0) == 0;
                    });
    if (!data_dir)
      return Error(ctx, "--extract-package " + p + ": not a bundled package, nor a top-level directory of "
                        "--add-data files");
    manifest->on_disk.push_back(p);
    manifest->files_root = true;
  }
  manifest->sources = o.include_source;
  for (const auto& p : ctx.result.auto_extracted)
    if (std::find(o.extract_packages.begin(), o.extract_packages.end(), p) == o.extract_packages.end())
      manifest->extract_packages.push_back(p);
  manifest->unbuffered = o.unbuffered;
  manifest->child_modes = !o.no_child_modes;
  manifest->python_children = !o.no_python_children;
  manifest->optimize = o.optimize;
  manifest->xoptions = o.xoptions;
  manifest->warnings = o.warnings;
  manifest->allow_env = o.allow_env;
  manifest->trace_imports = o.debug_imports;
  for (const auto& e : ctx.entries)
    if (e.kind == payload::EntryKind::kData && e.executable) manifest->executable_files.push_back(e.name);
  AddRuleBootSettings(ctx, manifest);
  return true;
}

}  // namespace

// Data next to __file__: a top-level package (third-party, or of the
// interpreter's library: CPython's test suite, lib2to3's grammar, idlelib)
// whose code reads __file__ and that carries data files gets its files on disk at run time
// (the private cache --extract-package uses), as code that opens
// os.path.dirname(__file__) + "/x" expects. So does a package of the
// program's own that carries data when an applied package rule says its
// package reads the program's data by path (Django's app template
// directories, jinja2's PackageLoader), and the package of a rule that says
// it reads its own data by path from code no scan sees (mypyc-compiled
// mypy), and the package of a test suite that lists its own directory
// (IsSelfListingTestSuite). Modules still load from the payload.
void FindPackagesToExtract(BuildContext& ctx) {
  std::set<std::string> with_data, reading_file;
  for (const auto& e : ctx.entries)
    if (e.kind == payload::EntryKind::kData && !payload::IsFreezerMember(e.name) &&
        e.name.find('/') != std::string::npos)
      with_data.insert(e.name.substr(0, e.name.find('/')));
  bool program_data = false;
  for (const PackageRule* r : ctx.applied) {
    program_data = program_data || r->program_data_on_disk;
    if (r->package_data_on_disk) reading_file.insert(r->package);
  }
  for (const auto& [name, m] : ctx.graph->modules()) {
    if (name == "__main__") continue;
    bool program = program_data && IsProgramCode(m.path);
    if (m.names_file || program) reading_file.insert(name.substr(0, name.find('.')));
    // A test suite that lists its own directory needs it on disk, data or
    // not (its sources go there: CollectExtractedSources).
    if (IsSelfListingTestSuite(name, m)) with_data.insert(name.substr(0, name.find('.')));
  }
  for (const auto& top : reading_file) {
    auto it = ctx.graph->modules().find(top);
    if (with_data.count(top) && it != ctx.graph->modules().end() &&
        it->second.kind == Module::Kind::kPackage)
      ctx.result.auto_extracted.push_back(top);
  }
}

// A test suite (a package or subpackage named test, tests or testing) in an
// extracted package is on disk as python would see it: its data and the
// sources of its modules, because test runners list its directory to find
// them (unittest's discover(os.path.dirname(__file__)) looks for test*.py
// files there, then imports them by name, still from the payload); its
// tracebacks and inspect then show real lines too. Only test suites: the
// sources of the other packages extracted in a networkx app (numpy, pandas,
// sympy...) were 35 MB written at their first start, for nothing. Sources
// already bundled (--include-source) are not added twice.
bool CollectExtractedSources(BuildContext& ctx) {
  std::vector<std::string> packages = ctx.options.extract_packages;
  packages.insert(packages.end(), ctx.result.auto_extracted.begin(), ctx.result.auto_extracted.end());
  if (packages.empty()) return true;
  std::set<std::string> have;
  for (const auto& e : ctx.entries)
    if (e.kind == payload::EntryKind::kSource) have.insert(e.name);
  auto in_test_suite = [](const std::string& name) {
    for (size_t at = 0; at <= name.size();) {
      size_t dot = std::min(name.find('.', at), name.size());
      if (IsTestSuiteName(name.substr(at, dot - at))) return true;
      at = dot + 1;
    }
    return false;
  };
  auto extracted = [&](const std::string& name) {
    if (!in_test_suite(name)) return false;
    for (const auto& p : packages)
      if (payload::IsModuleInPackage(name, p)) return true;
    return false;
  };
  for (const auto& [name, m] : ctx.graph->modules()) {
    if ((m.kind != Module::Kind::kSource && m.kind != Module::Kind::kPackage) || !extracted(name) ||
        m.path.size() < 3 || m.path.compare(m.path.size() - 3, 3, ".py") != 0 ||
        have.count(m.archive_path))
      continue;
    payload::PayloadEntry s;
    s.name = m.archive_path;
    s.kind = payload::EntryKind::kSource;
    s.compress = true;  // read only when extracted or asked for
    if (!ctx.disk->ReadFile(m.path, &s.bytes, &ctx.err)) return false;
    ctx.entries.push_back(std::move(s));
  }
  return true;
}

// Unfrozen copies of the stdlib modules libpython carries frozen (os, stat,
// codecs, importlib._bootstrap, ...), for an app whose code turns frozen
// modules off (test.support.import_helper.import_fresh_module) and for one
// named with --hidden-import: the imports that follow find them in the
// payload, as python finds their files in its library. FrozenImporter
// comes before the payload importer, so nothing else changes.
bool CollectUnfrozenCopies(BuildContext& ctx) {
  const auto& modules = ctx.graph->modules();
  bool all = false;
  for (const auto& [name, m] : modules) all = all || m.frozen_off;
  std::set<std::string> wanted;
  for (const auto& [name, m] : modules)
    if (m.kind == Module::Kind::kFrozen &&
        (all || std::find(ctx.options.hidden_imports.begin(), ctx.options.hidden_imports.end(), name) !=
                    ctx.options.hidden_imports.end()))
      wanted.insert(name);
  for (const auto& name : wanted) {
    std::string rel = name;
    std::replace(rel.begin(), rel.end(), '.', '/');
    for (const auto& dir : InterpreterSearchPath()) {
      std::string path = JoinPath(dir, rel + ".py");
      payload::EntryKind kind = payload::EntryKind::kModule;
      if (ctx.disk->Stat(path).type != FileInfo::Type::kFile) {
        path = JoinPath(dir, rel + "/__init__.py");
        kind = payload::EntryKind::kPackage;
        if (ctx.disk->Stat(path).type != FileInfo::Type::kFile) continue;
      }
      CompiledModule compiled;
      std::string code_filename = kind == payload::EntryKind::kModule ? rel + ".py" : rel + "/__init__.py";
      if (!ctx.cache->Load(path, code_filename, false, &compiled, &ctx.err)) return false;
      payload::PayloadEntry e;
      e.name = name;
      e.kind = kind;
      e.bytes = std::move(compiled.pyc);
      e.compress = true;  // read only with frozen modules off
      ctx.entries.push_back(std::move(e));
      break;
    }
  }
  return true;
}

// Turn the graph into payload entries, with data, metadata and manifests.
bool Collect(BuildContext& ctx) {
  const BuildOptions& o = ctx.options;
  std::vector<std::string> warnings;
  bool data = CollectModules(ctx) && CollectUnfrozenCopies(ctx) &&
              CollectPackageData(ctx.disk, *ctx.graph, o.compress, &ctx.entries, &warnings, &ctx.err);
  for (const auto& w : warnings) ctx.status->Warning(w);
  if (!data ||
      !CollectAddedData(ctx.disk, o.add_data, o.compress, &ctx.entries, &ctx.err) || !CollectRuleData(ctx) ||
      !CollectMetadata(ctx.disk, *ctx.graph, ctx.search_path, &ctx.entries, &ctx.err))
    return false;
  AddProjectMetadata(o.project, &ctx.entries);  // after the installed ones, which win
  for (const auto& e : ctx.entries)
    ctx.result.data_files += e.kind == payload::EntryKind::kData && !payload::IsFreezerMember(e.name);
  FindPackagesToExtract(ctx);
  return CollectExtractedSources(ctx) && MakeBootManifest(ctx, &ctx.boot);
}

bool AddManifests(BuildContext& ctx) {
  ctx.chains = ImportChains::FromGraph(*ctx.graph);
  ctx.chains.library_reasons = ctx.library_reasons;
  ctx.chains.library_users = ctx.library_users;
  for (auto& [lib, users] : ctx.chains.library_users) std::sort(users.begin(), users.end());
  // Each missing module's class, and its file when the search path holds
  // it after all (relative: the app is the same built anywhere).
  for (const MissingModule& g : GroupMissing(*ctx.graph))
    ctx.chains.missing_classes[g.name] = {MissingClassName(g.cls),
                                          FindModuleOnPath(ctx.disk, ctx.search_path, g.name).file};
  // Imports of what --exclude-module left out fail too where they run
  // (unguarded): listed with them, the flag to drop as the fix.
  // (ImportChains::FromGraph lists them.)
  for (const MissingImport& m : ctx.graph->excluded_imports()) {
    if (m.guarded) continue;
    ctx.chains.missing_classes[m.name] = {kExcludedClass, FindModuleOnPath(ctx.disk, ctx.search_path, m.name).file};
  }
  ctx.chains.options = ctx.options.shown_options;
  ctx.chains.rules = AppliedRuleRecords(ctx);
  // Read only by `freezer why` and `freezer report`: compressed.
  AddMember(ctx, payload::kGraphMemberPath, payload::EntryKind::kData, ctx.chains.Serialize(),
            /*compress=*/true);
  AddMember(ctx, payload::kBootManifestPath, payload::EntryKind::kBootConfig,
            payload::SerializeBootManifest(ctx.boot));
  return true;
}

std::string CollectSummary(BuildContext& ctx) {
  uint64_t bytes = 0;
  for (const auto& e : ctx.entries) bytes += e.bytes.size();
  return "collect: " + Plural(ctx.entries.size(), "entry", "entries") + ", " +
         Plural(ctx.result.data_files, "data file", "data files") + ", " + HumanSize(bytes);
}

// The shared libraries extension modules need, resolved as the dynamic
// loader would; the glibc floor of everything bundled.
bool CollectNative(BuildContext& ctx) {
  NativeResolver resolver(SystemLibraryDirs());
  std::map<std::string, std::string> archive_path_of, module_of;  // extension file -> archive path, module
  for (const auto& [name, m] : ctx.graph->modules()) {
    if (m.kind != Module::Kind::kExtension) continue;
    if (!resolver.Add(m.path, true, &ctx.err)) return false;
    archive_path_of[m.path] = m.archive_path;
    module_of[m.path] = name;
  }
  std::map<std::string, std::vector<std::string>> needed_by;  // soname -> what needs it
  for (const PackageRule* r : ctx.applied) {
    for (const auto& soname : r->libraries) {
      std::vector<std::string> order;
      if (!resolver.AddByName(soname, &order, &ctx.err)) return Error(ctx, r->origin + ": " + ctx.err);
      needed_by[soname].push_back("package rule " + r->name + " (" + r->origin + ")");
    }
  }
  if (!resolver.Add(ctx.stub_path, false, &ctx.err)) return false;
  ctx.native = resolver.closure();
  ctx.result.shared_libraries = ctx.native.libraries.size();
  for (const auto& w : ctx.native.warnings) ctx.status->LibraryWarning(w);  // extensions' libraries
  payload::NativeManifest manifest;
  for (const auto& lib : ctx.native.libraries) {
    payload::PayloadEntry e;
    e.name = payload::SharedLibraryArchivePath(lib.name);
    e.kind = payload::EntryKind::kSharedLib;
    CompressNative(&e);
    if (!ctx.disk->ReadFile(lib.path, &e.bytes, &ctx.err)) return false;
    ctx.entries.push_back(std::move(e));
  }
  for (const auto& [ext, names] : ctx.native.needs) {
    if (names.empty()) continue;
    std::vector<std::string>& libs = manifest.preload[archive_path_of[ext]];
    for (const auto& n : names) libs.push_back(payload::SharedLibraryArchivePath(n));
    for (const auto& n : names) needed_by[n].push_back(module_of[ext]);
    for (const auto& n : names) ctx.library_users[payload::SharedLibraryArchivePath(n)].push_back(module_of[ext]);
  }
  // For the report and `why`: the extensions (so the packages) each library serves.
  for (auto& [soname, users] : needed_by) {
    std::sort(users.begin(), users.end(), [](const std::string& a, const std::string& b) {
      return a.rfind("package rule", 0) != 0 && (b.rfind("package rule", 0) == 0 || a < b);
    });
    std::string why;
    for (size_t i = 0; i < users.size() && i < 3; ++i)
      why += (i ? ", " : "") + (users[i].rfind("package rule", 0) == 0 ? users[i] : "needed by " + users[i]);
    if (users.size() > 3) why += " and " + std::to_string(users.size() - 3) + " more";
    ctx.library_reasons[payload::SharedLibraryArchivePath(soname)] = why;
  }
  for (const auto& [soname, names] : ctx.native.by_name)
    for (const auto& n : names)
      if (std::string path = payload::SharedLibraryArchivePath(n);
          std::find(ctx.boot.load_libraries.begin(), ctx.boot.load_libraries.end(), path) ==
          ctx.boot.load_libraries.end())
        ctx.boot.load_libraries.push_back(path);
  if (!LowerGlibcFloor(ctx)) return false;  // the bytes bundled, and the app's floor
  manifest.glibc_floor = ctx.native.glibc_floor;
  manifest.glibc_floor_file = Basename(ctx.native.glibc_floor_file);
  manifest.glibc_floor_symbol = ctx.native.glibc_floor_symbol;
  // The bytes are final now (the floor lowered): their digests name their
  // copies in the stub's shared cache.
  for (const payload::PayloadEntry& e : ctx.entries)
    if (e.kind == payload::EntryKind::kExtension || e.kind == payload::EntryKind::kSharedLib)
      manifest.sha256[e.name] = payload::DigestString(payload::ComputeSha256(std::span<const uint8_t>(
                                                          reinterpret_cast<const uint8_t*>(e.bytes.data()),
                                                          e.bytes.size())))
                                    .substr(7);  // "sha256:" + hex
  manifest.load_memory = ctx.options.native_load == "memory";
  AddMember(ctx, payload::kNativeManifestPath, payload::EntryKind::kBootConfig,
            payload::SerializeNativeManifest(manifest));
  return true;
}

bool MeasurePackages(BuildContext& ctx) {
  ctx.result.largest_packages = LargestPackages(*ctx.graph, ctx.entries, ctx.native, 5);
  return true;
}

std::string NativeSummary(BuildContext& ctx) {
  return "collect native: " + Plural(ctx.native.libraries.size(), "shared library", "shared libraries") +
         (ctx.native.glibc_floor.empty() ? "" : ", glibc >= " + GlibcVersion(ctx.native.glibc_floor));
}


}  // namespace freezer
