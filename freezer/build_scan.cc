#include "freezer/build_context.h"

#include <stdlib.h>

#include <map>

#include "archive/cache_location.h"
#include "archive/member_paths.h"
#include "freezer/disk.h"
#include "freezer/graph/entry_points.h"
#include "freezer/graph/import_chains.h"
#include "freezer/graph/python_runtime.h"
#include "freezer/graph/support_modules.h"
#include "freezer/human_units.h"

namespace freezer {

namespace {

// Codecs are looked up by name at run time. Bundled always: what start-up
// needs for the usual locales and the Unicode codecs; then every codec whose
// name appears as a string in bundled code (AddNamedCodecs), and the rest
// with --include-package encodings or --hidden-import encodings.NAME.
bool AddCoreCodecs(ModuleGraph& graph, std::string* err) {
  if (!graph.AddModule("encodings", err)) return false;
  graph.AddRoot("encodings", "imported by the interpreter at start-up");
  static const char* const kCore[] = {
      "aliases", "utf_8", "utf_8_sig", "ascii", "latin_1", "utf_16", "utf_16_le", "utf_16_be",
      "utf_32", "utf_32_le", "utf_32_be", "raw_unicode_escape", "unicode_escape", "charmap",
      "cp1252", "iso8859_15", "cp437"};
  for (const char* codec : kCore) {
    if (!graph.AddModule(std::string("encodings.") + codec, err)) return false;
    graph.AddRoot(std::string("encodings.") + codec, "codec bundled always (locales, Unicode)");
  }
  return true;
}

// Where modules are looked for, in this order: the script's directory (the
// current one for -m/--entry), --path, the --venv's site-packages, the
// interpreter's own library, Debian's dist-packages.
bool SearchPath(BuildContext& ctx, std::vector<std::string>* path) {
  const BuildOptions& o = ctx.options;
  path->push_back(o.script.empty() ? AbsolutePath(".") : Dirname(AbsolutePath(o.script)));
  for (const auto& p : o.paths) {
    if (ctx.disk->Stat(p).type != FileInfo::Type::kDir)
      return Error(ctx, "--path '" + p + "': not a directory");
    path->push_back(AbsolutePath(p));
  }
  if (!o.venv.empty()) {
    std::string site = JoinPath(AbsolutePath(o.venv), "lib/python3.11/site-packages");
    if (ctx.disk->Stat(site).type != FileInfo::Type::kDir)
      return Error(ctx, "--venv '" + o.venv + "': no lib/python3.11/site-packages in it");
    path->push_back(site);
  }
  for (const auto& p : InterpreterSearchPath()) path->push_back(p);
  for (const char* d : {"/usr/lib/python3/dist-packages", "/usr/local/lib/python3.11/dist-packages"})
    if (ctx.disk->Stat(d).type == FileInfo::Type::kDir) path->push_back(d);
  return true;
}

// The entry and what the options name, as roots of the graph.
bool AddRoots(BuildContext& ctx, std::string* err) {
  const BuildOptions& o = ctx.options;
  ModuleGraph& graph = *ctx.graph;
  if (!o.script.empty() && !graph.AddScript(o.script, err)) return false;
  if (!o.module.empty()) {
    if (!graph.AddModule("runpy", err) || !graph.AddModule(o.module, err)) return false;
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
    if (!graph.AddModule(mod, err)) return false;
    graph.AddRoot(mod, "entry function (--entry)");
  }
  for (const auto& m : o.hidden_imports) {
    if (!graph.AddModule(m, err)) {
      *err = "--hidden-import: " + *err;
      return false;
    }
    graph.AddRoot(m, "--hidden-import");
  }
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
  size_t required = 0;
  for (const MissingImport& m : ctx.graph->missing()) required += !m.conditional;
  const PycCacheStats& cache = ctx.cache->stats();
  return "scan: " + Plural(r.modules, "module", "modules") + ", " +
         Plural(r.extensions, "extension", "extensions") +
         (required ? ", " + Plural(required, "import", "imports") + " not found" : "") +
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
  PycCacheOptions c;
  c.dir = o.no_cache ? ""
                     : (o.cache_dir.empty() ? payload::UserCacheBase(getenv("XDG_CACHE_HOME"), getenv("HOME"))
                                            : AbsolutePath(o.cache_dir));
  c.hash_based = o.hash_based;
  c.optimize = o.optimize;
  ctx.cache = std::make_unique<PycCache>(ctx.disk, c);
  ctx.graph = std::make_unique<ModuleGraph>(ctx.disk, ctx.cache.get(), g);
  std::string err;
  if (!AddCoreCodecs(*ctx.graph, &err) || !AddRoots(ctx, &err) ||
      // What the stub's features run in Python (vm/support/), for apps that use them.
      !AddSupportModules(ctx.graph.get(), ctx.options.include_source, &err))
    return Error(ctx, err);
  // Package rules of what is bundled and plugins loaded by entry-point
  // group, each of which may bring more of the other; then the codecs all
  // of it names.
  for (size_t applied = SIZE_MAX; applied != ctx.applied.size();) {
    applied = ctx.applied.size();
    if (!ApplyRules(ctx, &err) || !AddQueriedEntryPoints(ctx.graph.get(), &err)) return Error(ctx, err);
  }
  if (!ctx.graph->AddNamedCodecs(&err)) return Error(ctx, err);
  BuildResult& r = ctx.result;
  for (const auto& [name, m] : ctx.graph->modules()) {
    r.modules += IsPythonModule(m.kind);
    r.packages += m.kind == Module::Kind::kPackage || m.kind == Module::Kind::kNamespace;
    r.extensions += m.kind == Module::Kind::kExtension;
  }
  if (ctx.status->Verbose()) DescribeModules(ctx);
  return true;
}

// Say what will be missing at run time, before anyone runs it.
bool ReportMissing(BuildContext& ctx) {
  const ModuleGraph& graph = *ctx.graph;
  BuildStatus& status = *ctx.status;
  if (!ctx.cache->write_warning().empty())
    status.Warning("bytecode cache not written, compiled in memory: " + ctx.cache->write_warning());
  size_t unconditional = 0, optional = 0;
  std::string first;
  for (const auto& p : graph.problems()) status.Warning(p);
  for (const MissingImport& m : graph.missing()) {
    if (m.conditional) {
      ++optional;
      status.Detail("optional import '" + m.name + "' not found (" + m.where + ")");
      continue;
    }
    ++unconditional;
    std::string msg = m.where + ": module '" + m.name + "' not found (imported by '" + m.importer + "')";
    status.Warning(msg);
    if (unconditional == 1) first = msg;
  }
  if (optional) status.Detail(std::to_string(optional) + " optional imports not found");
  if (ctx.options.strict && unconditional)
    return Error(ctx, "--strict: " + Plural(unconditional, "import", "imports") + " not found (the first: " +
                          first + ")");
  return true;
}


}  // namespace freezer
