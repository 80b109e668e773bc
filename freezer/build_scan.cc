#include "freezer/build_context.h"

#include <fnmatch.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "archive/cache_location.h"
#include "archive/member_paths.h"
#include "freezer/closest_name.h"
#include "freezer/disk.h"
#include "freezer/graph/distributions.h"
#include "freezer/graph/entry_points.h"
#include "freezer/graph/import_chains.h"
#include "freezer/graph/import_reach.h"
#include "freezer/graph/missing_imports.h"
#include "freezer/graph/python_runtime.h"
#include "freezer/graph/support_modules.h"
#include "freezer/human_units.h"
#include "freezer/venv.h"

namespace freezer {

namespace {

// Codecs are looked up by name at run time, and the names of text
// encodings often come from data (HTTP and e-mail charsets, --encoding
// options, XML declarations), so every text encoding of the `encodings`
// package is bundled, with the CJK codecs' extension modules
// (_codecs_jp, _multibytecodec, ...). Left to AddNamedCodecs, which bundles
// them where bundled code spells their names: the bytes-to-bytes and
// str-to-str transforms (codecs.decode(data, "bz2"); bytes.decode refuses
// them), IDNA (host names: socket, http.client and urllib name it) and
// Windows' code pages; together they would bring re, bz2 and libbz2 into
// every app. --exclude-module encodings.NAME (or _codecs_jp, ...) leaves
// one out. Start-up does not import them, so they are stored compressed
// (StartupImports, build_collect.cc): frozen hello grows by about 0.6 MB.
constexpr const char* kNamedOnlyCodecs[] = {"base64_codec", "bz2_codec",  "hex_codec", "quopri_codec",
                                            "uu_codec",     "zlib_codec", "rot_13",    "idna",
                                            "mbcs",         "oem"};

bool AddCodecs(BuildContext& ctx, std::string* err) {
  ModuleGraph& graph = *ctx.graph;
  auto it = graph.modules().find("encodings");
  if (it == graph.modules().end()) return true;
  std::vector<std::string> dirs = it->second.package_dirs;
  for (const auto& dir : dirs) {
    std::vector<std::string> names;
    if (!ctx.disk->ListDir(dir, &names)) continue;
    std::sort(names.begin(), names.end());
    for (const auto& entry : names) {
      if (entry.size() < 4 || entry.compare(entry.size() - 3, 3, ".py") != 0) continue;
      std::string codec = entry.substr(0, entry.size() - 3);
      if (codec == "__init__" || std::find(std::begin(kNamedOnlyCodecs), std::end(kNamedOnlyCodecs), codec) !=
                                     std::end(kNamedOnlyCodecs))
        continue;
      bool found = false;
      if (!graph.AddOptionalModule("encodings." + codec, kRunTimeCodecReason, &found, err)) return false;
    }
  }
  return true;
}

// Where modules are looked for, in this order: the script's directory (the
// current one for -m/--entry), --path, the --venv's site-packages and what
// its .pth files add, the interpreter's own library, Debian's dist-packages
// (unless the venv leaves them out).
bool SearchPath(BuildContext& ctx, std::vector<std::string>* path) {
  const BuildOptions& o = ctx.options;
  path->push_back(o.script.empty() ? AbsolutePath(".") : Dirname(AbsolutePath(o.script)));
  for (const auto& p : o.paths) {
    if (ctx.disk->Stat(p).type != FileInfo::Type::kDir)
      return Error(ctx, "--path '" + p + "': not a directory");
    path->push_back(AbsolutePath(p));
  }
  VenvSearch venv;  // no venv: the system's site-packages, as python3.11 has them
  if (!o.venv.empty()) {
    if (!ReadVenv(ctx.disk, o.venv, &venv, &ctx.err)) return false;
    for (const auto& d : venv.dirs) path->push_back(d);
  }
  for (const auto& p : InterpreterSearchPath()) path->push_back(p);
  if (venv.system_site)  // include-system-site-packages = false: python3.11 in the venv has none
    for (const char* d : {"/usr/lib/python3/dist-packages", "/usr/local/lib/python3.11/dist-packages"})
      if (ctx.disk->Stat(d).type == FileInfo::Type::kDir) path->push_back(d);
  return true;
}

// Every module below the package dirs `dirs` of `package`, by name, from
// the files alone (nothing is compiled): "pkg.a", "pkg.sub", "pkg.sub.b".
void ModulesBelow(Disk* disk, const std::string& package, const std::vector<std::string>& dirs,
                  std::vector<std::string>* out) {
  for (const std::string& dir : dirs) {
    std::vector<std::string> names;
    if (!disk->ListDir(dir, &names)) continue;
    for (const std::string& entry : names) {
      std::string path = JoinPath(dir, entry);
      FileInfo info = disk->Stat(path);
      if (info.type == FileInfo::Type::kDir) {
        if (entry == "__pycache__" || entry.find('.') != std::string::npos) continue;
        out->push_back(package + "." + entry);
        ModulesBelow(disk, package + "." + entry, {path}, out);
      } else if (info.type == FileInfo::Type::kFile) {
        size_t dot = entry.find('.');
        std::string ext = dot == std::string::npos ? "" : entry.substr(entry.rfind('.'));
        if (dot == std::string::npos || (ext != ".py" && ext != ".so")) continue;
        std::string child = entry.substr(0, dot);
        if (child != "__init__" && !child.empty()) out->push_back(package + "." + child);
      }
    }
  }
}

// --hidden-import 'pkg.plugins.*': the modules below pkg.plugins whose
// names match (fnmatch: `*` also matches dots, so every level below).
bool AddHiddenGlob(BuildContext& ctx, const std::string& glob, std::string* err) {
  size_t first = glob.find_first_of("*?[");
  size_t dot = glob.rfind('.', first);
  if (dot == std::string::npos) {
    *err = "--hidden-import '" + glob + "': a glob needs a package before it ('pkg.*')";
    return false;
  }
  std::string package = glob.substr(0, dot);
  ModuleGraph& graph = *ctx.graph;
  if (!graph.AddModule(package, err)) {
    *err = "--hidden-import '" + glob + "': " + *err;
    return false;
  }
  auto it = graph.modules().find(package);
  std::vector<std::string> names;
  if (it != graph.modules().end()) ModulesBelow(ctx.disk, package, it->second.package_dirs, &names);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  size_t matched = 0;
  for (const std::string& name : names) {
    if (fnmatch(glob.c_str(), name.c_str(), 0) != 0) continue;
    if (!graph.AddModule(name, err)) {
      *err = "--hidden-import '" + glob + "': " + *err;
      return false;
    }
    graph.AddRoot(name, "--hidden-import " + glob);
    ++matched;
  }
  if (matched == 0) {
    *err = "--hidden-import '" + glob + "': no module below '" + package + "' matches";
    return false;
  }
  return true;
}

// --include-distribution NAME: its top-level packages, whole.
bool AddDistribution(BuildContext& ctx, const std::string& name, std::string* err) {
  ModuleGraph& graph = *ctx.graph;
  const Distributions& dists = graph.distributions();
  const Distribution* d = dists.Named(NormalisedDistributionName(name));
  if (!d) {
    std::vector<std::string> names;
    for (const Distribution& x : dists.all()) names.push_back(x.name);
    std::string near = ClosestName(NormalisedDistributionName(name), names);
    *err = "--include-distribution " + name + ": not installed on the search path (--path, --venv, "
           "dist-packages)" + (near.empty() ? "" : "; did you mean '" + near + "'?");
    return false;
  }
  for (const std::string& top : d->top_levels)
    if (!graph.AddPackageTree(top, "--include-distribution " + name, err)) {
      *err = "--include-distribution " + name + ": " + *err;
      return false;
    }
  return true;
}

// "module 'todo' not found on the search path": which directories were
// searched, and the usual reasons (a src/ layout, a package not installed).
std::string NotFoundHint(BuildContext& ctx, const std::string& module) {
  std::string top = module.substr(0, module.find('.'));
  std::string hint = " (searched ";
  size_t shown = 0;
  for (const std::string& dir : ctx.search_path) {
    if (IsInterpreterLibraryPath(dir + "/")) continue;
    std::string shown_dir = std::filesystem::path(dir).lexically_normal().string();
    if (shown_dir.size() > 1 && shown_dir.back() == '/') shown_dir.pop_back();
    hint += (shown++ ? ", " : "") + shown_dir;
  }
  hint += " and the standard library)";
  for (const std::string& base : {std::string("src"), std::string("lib")})
    if (ctx.disk->Stat(JoinPath(base, top)).type == FileInfo::Type::kDir ||
        ctx.disk->Stat(JoinPath(base, top + ".py")).type == FileInfo::Type::kFile)
      return hint + "; it is in " + base + "/: add --path " + base + " (or paths = [\"" + base +
             "\"] in [tool.freezer])";
  return hint + "; an installed package: --venv DIR (or --path DIR) where it is installed";
}

// The entry and what the options name, as roots of the graph.
bool AddRoots(BuildContext& ctx, std::string* err) {
  const BuildOptions& o = ctx.options;
  ModuleGraph& graph = *ctx.graph;
  if (!o.script.empty() && !graph.AddScript(o.script, err)) return false;
  if (!o.module.empty()) {
    if (!graph.AddModule("runpy", err)) return false;
    if (!graph.AddModule(o.module, err)) {
      *err = "-m " + o.module + ": " + *err + NotFoundHint(ctx, o.module);
      return false;
    }
    graph.AddRoot("runpy", "runs the -m entry");
    graph.AddRoot(o.module, "entry module (-m)");
    auto it = graph.modules().find(o.module);
    bool package = it != graph.modules().end() && it->second.kind == Module::Kind::kPackage;
    if (package && !graph.AddModule(o.module + ".__main__", err)) {
      *err = "-m " + o.module + ": a package needs a __main__ module";
      return false;
    }
    if (package) graph.AddRoot(o.module + ".__main__", "entry package's __main__ (-m)");
  }
  if (!o.function.empty()) {
    std::string mod = o.function.substr(0, o.function.find(':'));
    if (!graph.AddModule(mod, err)) {
      *err = "--entry " + o.function + ": " + *err + NotFoundHint(ctx, mod);
      return false;
    }
    graph.AddRoot(mod, "entry function (--entry)");
  }
  for (const auto& m : o.hidden_imports) {
    if (m.find_first_of("*?[") != std::string::npos) {
      if (!AddHiddenGlob(ctx, m, err)) return false;
      continue;
    }
    if (!graph.AddModule(m, err)) {
      *err = "--hidden-import: " + *err;
      return false;
    }
    graph.AddRoot(m, "--hidden-import");
  }
  for (const auto& d : o.include_distributions)
    if (!AddDistribution(ctx, d, err)) return false;
  for (const auto& p : o.include_packages)
    if (!graph.AddPackageTree(p, "--include-package " + p, err)) {
      *err = "--include-package: " + *err;
      return false;
    }
  return true;
}

// -v: every module with why: its importer on a shortest chain, or the
// reason it is a root.
void DescribeModules(BuildContext& ctx) {
  const ModuleGraph& graph = *ctx.graph;
  ImportChains chains = ImportChains::FromGraph(graph);
  std::map<std::string, std::string> importers = chains.Importers();
  for (const auto& [name, m] : graph.modules()) {
    if (!IsPythonModule(m.kind) && m.kind != Module::Kind::kExtension) continue;
    auto it = importers.find(name);
    std::string why = it == importers.end() ? "reason unknown"
                      : it->second.empty()  ? chains.RootReason(name)
                                            : "imported by " + it->second;
    ctx.status->Detail("bundling " + std::string(ModuleKindName(m.kind)) + " " + name + ": " + why +
                       (m.path.empty() ? "" : " (" + m.path + ")"));
  }
}

}  // namespace

std::string ScanSummary(BuildContext& ctx) {
  const BuildResult& r = ctx.result;
  size_t required = 0;  // modules the last warning counts
  for (const MissingModule& m : GroupMissing(*ctx.graph))
    required += m.cls == MissingModule::Class::kTopLevel || m.cls == MissingModule::Class::kDelayed;
  const PycCacheStats& cache = ctx.cache->stats();
  return "scan: " + Plural(r.modules, "module", "modules") + ", " +
         Plural(r.extensions, "extension", "extensions") +
         (required ? ", " + Plural(required, "module", "modules") + " not found" : "") +
         "; compile: " + std::to_string(cache.compiled) + " compiled, " +
         std::to_string(cache.cache_hits + cache.tree_hits) + " cached";
}

// Follow imports from the entry through the search path.
bool Scan(BuildContext& ctx) {
  const BuildOptions& o = ctx.options;
  GraphOptions g;
  if (!SearchPath(ctx, &g.search_path)) return false;
  ctx.search_path = g.search_path;
  g.include_source = o.include_source;
  g.excludes = o.excludes;
  AddRuleGraphOptions(ctx, &g);
  if (!o.function.empty()) {
    g.entry_module = o.function.substr(0, o.function.find(':'));
    g.entry_function = o.function.substr(o.function.find(':') + 1);
  }
  PycCacheOptions c;
  if (!o.no_cache && !o.cache_dir.empty()) {
    c.dir = AbsolutePath(o.cache_dir);
  } else if (!o.no_cache) {
    // No cache, as without HOME, when the home does not exist: the cache's
    // mkdir -p would otherwise create it (as root, /nonexistent).
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    std::string anchor = payload::UserCacheAnchor(xdg, home);
    if (!anchor.empty() && ctx.disk->Stat(anchor).type == FileInfo::Type::kDir)
      c.dir = payload::UserCacheBase(xdg, home);
  }
  c.hash_based = o.hash_based;
  c.optimize = o.optimize;
  ctx.cache = std::make_unique<PycCache>(ctx.disk, c);
  ctx.graph = std::make_unique<ModuleGraph>(ctx.disk, ctx.cache.get(), g);
  std::string err;
  if (!ctx.graph->AddModule("encodings", &err)) return Error(ctx, err);
  ctx.graph->AddRoot("encodings", "imported by the interpreter at start-up");
  // The codec of file names and the standard streams: UTF-8 (3.11 reads the
  // C and POSIX locales as UTF-8), looked up by name as the interpreter starts.
  if (!ctx.graph->AddModule("encodings.utf_8", &err)) return Error(ctx, err);
  ctx.graph->AddRoot("encodings.utf_8", "imported by the interpreter at start-up");
  if (!AddRoots(ctx, &err) ||
      // What the stub's features run in Python (vm/support/), for apps that use them.
      !AddSupportModules(ctx.graph.get(), ctx.options.include_source, &err))
    return Error(ctx, err);
  // Package rules of what is bundled and plugins loaded by entry-point
  // group, and test suites that list their own directories, each of which
  // may bring more of the others; then the codecs all of it names.
  for (size_t applied = SIZE_MAX; applied != ctx.applied.size();) {
    applied = ctx.applied.size();
    if (!ctx.graph->AddSelfListingTestSuites(&err) || !ApplyRules(ctx, &err) ||
        !AddQueriedEntryPoints(ctx.graph.get(), &err))
      return Error(ctx, err);
  }
  if (!AddCodecs(ctx, &err) || !ctx.graph->AddNamedCodecs(&err)) return Error(ctx, err);
  BuildResult& r = ctx.result;
  for (const auto& [name, m] : ctx.graph->modules()) {
    r.modules += IsPythonModule(m.kind);
    r.packages += m.kind == Module::Kind::kPackage || m.kind == Module::Kind::kNamespace;
    r.extensions += m.kind == Module::Kind::kExtension;
  }
  if (ctx.status->Verbose()) DescribeModules(ctx);
  return true;
}

namespace {

// "'a' (2 imports), 'b', 'c' and 4 more": at most `limit` names.
std::string NameList(const std::vector<const MissingModule*>& mods, size_t limit, bool counts = true) {
  std::string out;
  for (size_t i = 0; i < mods.size() && i < limit; ++i) {
    out += (i ? ", " : "") + std::string("'") + mods[i]->name + "'";
    if (counts && mods[i]->count > 1) out += " (" + std::to_string(mods[i]->count) + " imports)";
  }
  if (mods.size() > limit) out += " and " + std::to_string(mods.size() - limit) + " more";
  return out;
}

// "in 'pkg.mod'", "; 5 imports in 3 modules".
std::string Sites(const MissingModule& m) {
  std::string out = "in '" + m.imports[0].importer + "'";
  if (m.count > 1)
    out += "; " + std::to_string(m.count) + " imports in " + Plural(m.importers, "module", "modules");
  return out;
}

}  // namespace

// --exclude-module M is the way to leave out what an optional import pulls
// in; leaving out what a top-level import on the start-up path needs (the
// entry's, or a module's that such imports load) breaks the app as it
// starts: an error, unless --force.
bool CheckExcludes(BuildContext& ctx) {
  const ModuleGraph& graph = *ctx.graph;
  if (ctx.options.force || graph.excluded_imports().empty()) return true;
  std::map<std::string, Reach> reach = ReachOf(graph);
  for (const MissingImport& e : graph.excluded_imports()) {
    auto r = reach.find(e.importer);
    if (e.conditional || r == reach.end() || r->second.rank != 0) continue;
    std::string flag = e.name;
    for (const auto& ex : ctx.options.excludes)
      if (e.name == ex || e.name.rfind(ex + ".", 0) == 0) flag = ex;
    return Error(ctx, "--exclude-module " + flag + ": needed by " + e.importer + " (top-level import at " +
                          e.where + "); use --force to exclude it anyway");
  }
  return true;
}

// Say what will be missing at run time, before anyone runs it: each module
// a top-level import needs, one line; those only functions import, one line
// for all; those imported under `except ImportError`, and other platforms'
// modules, only with -v (and in --report). The last line counts them and
// says how many the program's own code imports.
bool ReportMissing(BuildContext& ctx) {
  const ModuleGraph& graph = *ctx.graph;
  BuildStatus& status = *ctx.status;
  if (!ctx.cache->trust_warning().empty()) status.Warning(ctx.cache->trust_warning());
  if (!ctx.cache->write_warning().empty())
    status.Warning("bytecode cache not written, compiled in memory: " + ctx.cache->write_warning());
  for (const auto& p : graph.problems()) status.Warning(p);
  std::vector<MissingModule> groups = GroupMissing(graph);
  std::vector<const MissingModule*> top, delayed, guarded, other, own;
  for (const MissingModule& m : groups) {
    using C = MissingModule::Class;
    (m.cls == C::kTopLevel ? top : m.cls == C::kDelayed ? delayed : m.cls == C::kGuarded ? guarded : other)
        .push_back(&m);
    if (m.own_code && (m.cls == C::kTopLevel || m.cls == C::kDelayed)) own.push_back(&m);
    if (status.Verbose())
      for (const MissingImport& i : m.imports)
        status.Detail(std::string(MissingClassName(m.cls)) + " import of '" + m.name + "' not found (" +
                      i.where + ", in '" + i.importer + "')");
  }
  // -q leaves out what only libraries import: the program's own imports are the user's to fix.
  auto warn = [&](bool own, const std::string& message) {
    own ? status.Warning(message) : status.LibraryWarning(message);
  };
  bool own_delayed = false;
  for (const MissingModule* m : delayed) own_delayed |= m->own_code;
  for (const MissingModule* m : top)
    warn(m->own_code, m->imports[0].where + ": module '" + m->name + "' not found (top-level import " +
                          Sites(*m) + ")");
  if (!delayed.empty())
    warn(own_delayed, Plural(delayed.size(), "module", "modules") +
                   " not found on delayed paths (imported inside functions, or by modules only those "
                   "import: an ImportError when that code runs; -v says where): " + NameList(delayed, 12));
  if (!guarded.empty())
    status.Detail(Plural(guarded.size(), "module", "modules") +
                  " imported under `except ImportError` not found: " + NameList(guarded, 1000));
  if (!other.empty())
    status.Detail(Plural(other.size(), "module", "modules") +
                  " of other platforms or of Python 2 not found, imported by code that does not run "
                  "here: " + NameList(other, 1000));
  if (!top.empty() || !delayed.empty())
    warn(!own.empty(), Plural(top.size() + delayed.size(), "module", "modules") + " not found (" +
                   std::to_string(top.size()) + " imported at top level, " + std::to_string(delayed.size()) +
                   " delayed); " + std::to_string(own.size()) +
                   " of them by the program's own code" + (own.empty() ? "" : ": " + NameList(own, 12, false)) +
                   (guarded.empty() ? ""
                                    : "; -v and --report list " + std::to_string(guarded.size()) +
                                          " more, imported under `except ImportError`"));
  if (ctx.options.strict && !top.empty())
    return Error(ctx, "--strict: " + Plural(top.size(), "import", "imports") +
                          " not found at top level (the first: " + top[0]->imports[0].where + ": module '" +
                          top[0]->name + "', imported by '" + top[0]->imports[0].importer + "')");
  return true;
}

}  // namespace freezer
