#include "freezer/build_command.h"

#include <stdlib.h>
#include <unistd.h>

#include <cstdio>

#include "archive/boot_manifest.h"
#include "archive/cache_location.h"
#include "archive/environment_rules.h"
#include "archive/payload_writer.h"
#include "freezer/disk.h"
#include "freezer/import_chains.h"
#include "freezer/json_writer.h"
#include "freezer/native_closure.h"
#include "freezer/package_data.h"
#include "freezer/progress.h"
#include "archive/native_manifest.h"
#include "freezer/module_graph.h"
#include "freezer/python_runtime.h"
#include "freezer/stub_locator.h"
#include "freezer/support_modules.h"

namespace freezer {

namespace {

// Everything one build works on, passed from pass to pass.
struct BuildContext {
  const BuildOptions& options;
  RealDisk disk;
  std::string stub_path;
  std::string output;
  std::unique_ptr<PycCache> cache;
  std::unique_ptr<ModuleGraph> graph;
  std::vector<std::string> search_path;
  std::vector<payload::PayloadEntry> entries;
  NativeClosure native;
  size_t output_size = 0;
  std::string err;
};

bool Error(BuildContext& ctx, const std::string& msg) {
  ctx.err = msg;
  return false;
}

bool Prepare(BuildContext& ctx) {
  const BuildOptions& o = ctx.options;
  int entries = !o.script.empty() + !o.module.empty() + !o.function.empty();
  if (entries != 1) return Error(ctx, "give exactly one entry: SCRIPT, -m MODULE or --entry MODULE:FUNCTION");
  if (!o.function.empty() && o.function.find(':') == std::string::npos)
    return Error(ctx, "--entry '" + o.function + "': expected MODULE:FUNCTION");
  if (!o.script.empty() && ctx.disk.Stat(o.script).type != FileInfo::Type::kFile)
    return Error(ctx, "cannot read '" + o.script + "': " +
                          (ctx.disk.Stat(o.script).type == FileInfo::Type::kMissing
                               ? "No such file or directory" : "not a regular file"));
  for (const auto& name : o.allow_env)
    if (std::string why = payload::AllowEnvProblem(name); !why.empty())
      return Error(ctx, "--allow-env " + name + ": " + why);
  ctx.output = o.output;
  if (ctx.output.empty()) {
    std::string base = !o.script.empty() ? Basename(o.script) : Basename(o.module.empty() ? o.function.substr(0, o.function.find(':')) : o.module);
    if (base.size() > 3 && base.compare(base.size() - 3, 3, ".py") == 0) base.resize(base.size() - 3);
    ctx.output = base;
  }
  return StartPython(&ctx.err);
}

// Codecs are looked up by name at run time. Bundled always: what start-up
// needs for the usual locales and the Unicode codecs; then every codec whose
// name appears as a string in bundled code (AddNamedCodecs), and the rest
// with --include-package encodings or --hidden-import encodings.NAME.
bool AddCoreCodecs(BuildContext& ctx, std::string* err) {
  ModuleGraph& graph = *ctx.graph;
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

std::string DefaultCacheDir() {
  return payload::UserCacheBase(getenv("XDG_CACHE_HOME"), getenv("HOME"));
}

// Where modules are looked for, in this order: the script's directory (the
// current one for -m/--entry), --path, the --venv's site-packages, the
// interpreter's own library, Debian's dist-packages.
bool SearchPath(BuildContext& ctx, std::vector<std::string>* path) {
  const BuildOptions& o = ctx.options;
  path->push_back(o.script.empty() ? AbsolutePath(".") : Dirname(AbsolutePath(o.script)));
  for (const auto& p : o.paths) {
    if (ctx.disk.Stat(p).type != FileInfo::Type::kDir)
      return Error(ctx, "--path '" + p + "': not a directory");
    path->push_back(AbsolutePath(p));
  }
  if (!o.venv.empty()) {
    std::string site = JoinPath(AbsolutePath(o.venv), "lib/python3.11/site-packages");
    if (ctx.disk.Stat(site).type != FileInfo::Type::kDir)
      return Error(ctx, "--venv '" + o.venv + "': no lib/python3.11/site-packages in it");
    path->push_back(site);
  }
  for (const auto& p : InterpreterSearchPath()) path->push_back(p);
  for (const char* d : {"/usr/lib/python3/dist-packages", "/usr/local/lib/python3.11/dist-packages"})
    if (ctx.disk.Stat(d).type == FileInfo::Type::kDir) path->push_back(d);
  return true;
}

// Pass 1: follow imports from the entry through the search path.
bool Scan(BuildContext& ctx) {
  const BuildOptions& o = ctx.options;
  GraphOptions g;
  if (!SearchPath(ctx, &g.search_path)) return false;
  ctx.search_path = g.search_path;
  g.include_source = o.include_source;
  g.excludes = o.excludes;
  PycCacheOptions c;
  c.dir = o.no_cache ? "" : (o.cache_dir.empty() ? DefaultCacheDir() : AbsolutePath(o.cache_dir));
  c.hash_based = o.hash_based;
  c.optimize = o.optimize;
  ctx.cache = std::make_unique<PycCache>(&ctx.disk, c);
  ctx.graph = std::make_unique<ModuleGraph>(&ctx.disk, ctx.cache.get(), g);
  ModuleGraph& graph = *ctx.graph;
  std::string err;
  // What the interpreter itself imports at start-up, and the codecs.
  if (!AddCoreCodecs(ctx, &err)) return Error(ctx, err);
  if (!o.script.empty() && !graph.AddScript(o.script, &err)) return Error(ctx, err);
  if (!o.module.empty()) {
    if (!graph.AddModule("runpy", &err) || !graph.AddModule(o.module, &err)) return Error(ctx, err);
    graph.AddRoot("runpy", "runs the -m entry");
    graph.AddRoot(o.module, "entry module (-m)");
    auto it = graph.modules().find(o.module);
    if (it != graph.modules().end() && it->second.kind == Module::Kind::kPackage &&
        !graph.AddModule(o.module + ".__main__", &err))
      return Error(ctx, "-m " + o.module + ": a package needs a __main__ module");
    if (it != graph.modules().end() && it->second.kind == Module::Kind::kPackage)
      graph.AddRoot(o.module + ".__main__", "entry package's __main__ (-m)");
  }
  if (!o.function.empty()) {
    std::string mod = o.function.substr(0, o.function.find(':'));
    if (!graph.AddModule(mod, &err)) return Error(ctx, err);
    graph.AddRoot(mod, "entry function (--entry)");
  }
  for (const auto& m : o.hidden_imports) {
    if (!graph.AddModule(m, &err)) return Error(ctx, "--hidden-import: " + err);
    graph.AddRoot(m, "--hidden-import");
  }
  for (const auto& p : o.include_packages)
    if (!graph.AddPackageTree(p, "--include-package " + p, &err))
      return Error(ctx, "--include-package: " + err);
  // What the stub's features run in Python (vm/support/), for apps that use them.
  if (!AddSupportModules(&graph, o.include_source, &err)) return Error(ctx, err);
  if (!graph.AddNamedCodecs(&err)) return Error(ctx, err);
  return true;
}

// Pass 2: say what will be missing at run time, before anyone runs it.
bool ReportMissing(BuildContext& ctx) {
  const ModuleGraph& graph = *ctx.graph;
  if (!ctx.cache->write_warning().empty())
    PrintWarning("bytecode cache not written, compiled in memory: " + ctx.cache->write_warning());
  size_t unconditional = 0, optional = 0;
  for (const auto& p : graph.problems()) PrintWarning(p);
  for (const MissingImport& m : graph.missing()) {
    if (m.conditional) {
      ++optional;
      if (ctx.options.verbose) PrintNote("optional import '" + m.name + "' not found (" + m.where + ")");
      continue;
    }
    ++unconditional;
    std::string msg = m.where + ": module '" + m.name + "' not found (imported by '" + m.importer + "')";
    ctx.options.strict ? PrintError(msg) : PrintWarning(msg);
  }
  if (optional && ctx.options.verbose) PrintNote(std::to_string(optional) + " optional imports not found");
  if (ctx.options.strict && unconditional)
    return Error(ctx, std::to_string(unconditional) + " imports not found (--strict)");
  return true;
}

// A member the freezer writes itself (manifests, the import graph).
void AddMember(BuildContext& ctx, std::string name, payload::EntryKind kind, std::string bytes,
               bool compress = false) {
  payload::PayloadEntry e;
  e.name = std::move(name);
  e.kind = kind;
  e.bytes = std::move(bytes);
  e.compress = compress;
  ctx.entries.push_back(std::move(e));
}

// Pass 3: turn the graph into payload entries.
bool Collect(BuildContext& ctx) {
  const BuildOptions& o = ctx.options;
  for (const auto& [name, m] : ctx.graph->modules()) {
    payload::PayloadEntry e;
    e.compress = o.compress;
    switch (m.kind) {
      case Module::Kind::kSource:
      case Module::Kind::kPackage:
      case Module::Kind::kNamespace: {
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
        break;
      }
      case Module::Kind::kExtension: {
        e.name = m.archive_path;
        e.kind = payload::EntryKind::kExtension;
        if (!ctx.disk.ReadFile(m.path, &e.bytes, &ctx.err)) return false;
        ctx.entries.push_back(std::move(e));
        break;
      }
      default:
        break;
    }
  }
  payload::BootManifest manifest;
  if (!o.script.empty()) {
    manifest.entry_kind = payload::BootManifest::EntryKind::kScript;
    manifest.script_name = Basename(o.script);
  } else if (!o.module.empty()) {
    manifest.entry_kind = payload::BootManifest::EntryKind::kModule;
    manifest.entry_target = o.module;
  } else {
    manifest.entry_kind = payload::BootManifest::EntryKind::kFunction;
    manifest.entry_target = o.function;
  }
  manifest.sources = o.include_source;
  for (const auto& p : o.extract_packages) {
    auto it = ctx.graph->modules().find(p);
    if (it == ctx.graph->modules().end() || (it->second.kind != Module::Kind::kPackage &&
                                             it->second.kind != Module::Kind::kNamespace))
      return Error(ctx, "--extract-package " + p + ": not a bundled package");
  }
  manifest.extract_packages = o.extract_packages;
  manifest.unbuffered = o.unbuffered;
  manifest.optimize = o.optimize;
  manifest.xoptions = o.xoptions;
  manifest.warnings = o.warnings;
  manifest.allow_env = o.allow_env;
  if (!CollectPackageData(&ctx.disk, *ctx.graph, o.compress, &ctx.entries, &ctx.err) ||
      !CollectAddedData(&ctx.disk, o.add_data, o.compress, &ctx.entries, &ctx.err) ||
      !CollectMetadata(&ctx.disk, *ctx.graph, ctx.search_path, &ctx.entries, &ctx.err))
    return false;
  // Read only by `freezer why` and `freezer report`: compressed.
  AddMember(ctx, std::string(payload::kGraphMemberPath), payload::EntryKind::kData,
            ImportChains::FromGraph(*ctx.graph).Serialize(), /*compress=*/true);
  AddMember(ctx, std::string(payload::kBootManifestPath), payload::EntryKind::kBootConfig,
            payload::SerializeBootManifest(manifest));
  return true;
}

// Pass 4: the shared libraries extension modules need, resolved as the
// dynamic loader would; the glibc floor of everything bundled.
bool CollectNative(BuildContext& ctx) {
  NativeResolver resolver(SystemLibraryDirs());
  std::map<std::string, std::string> archive_path_of;  // extension file -> archive path
  for (const auto& [name, m] : ctx.graph->modules()) {
    if (m.kind != Module::Kind::kExtension) continue;
    if (!resolver.Add(m.path, true, &ctx.err)) return false;
    archive_path_of[m.path] = m.archive_path;
  }
  if (!resolver.Add(ctx.stub_path, false, &ctx.err)) return false;
  ctx.native = resolver.closure();
  for (const auto& w : ctx.native.warnings) PrintWarning(w);
  payload::NativeManifest manifest;
  for (const auto& lib : ctx.native.libraries) {
    payload::PayloadEntry e;
    e.name = payload::SharedLibraryArchivePath(lib.name);
    e.kind = payload::EntryKind::kSharedLib;
    e.compress = ctx.options.compress;
    if (!ctx.disk.ReadFile(lib.path, &e.bytes, &ctx.err)) return false;
    ctx.entries.push_back(std::move(e));
  }
  for (const auto& [ext, names] : ctx.native.needs) {
    if (names.empty()) continue;
    std::vector<std::string>& libs = manifest.preload[archive_path_of[ext]];
    for (const auto& n : names) libs.push_back(payload::SharedLibraryArchivePath(n));
  }
  manifest.glibc_floor = ctx.native.glibc_floor;
  manifest.glibc_floor_file = Basename(ctx.native.glibc_floor_file);
  AddMember(ctx, std::string(payload::kNativeManifestPath), payload::EntryKind::kBootConfig,
            payload::SerializeNativeManifest(manifest));
  return true;
}

// --report: the graph as JSON, for people and tools.
bool WriteReport(BuildContext& ctx) {
  if (ctx.options.report.empty()) return true;
  JsonWriter w;
  w.BeginObject().Key("modules").BeginArray();
  for (const auto& [name, m] : ctx.graph->modules()) {
    w.BeginObject();
    w.Key("name").String(name).Key("kind").String(ModuleKindName(m.kind));
    w.Key("origin").String(m.path).Key("size").Number(m.pyc.size());
    w.Key("imports").BeginArray();
    for (const auto& i : m.imports) w.String(i);
    w.EndArray().EndObject();
  }
  w.EndArray().Key("missing").BeginArray();
  for (const MissingImport& m : ctx.graph->missing()) {
    w.BeginObject().Key("name").String(m.name).Key("importer").String(m.importer);
    w.Key("where").String(m.where).Key("optional").Bool(m.conditional).EndObject();
  }
  w.EndArray();
  w.Key("native").BeginObject();
  w.Key("glibc_floor").String(ctx.native.glibc_floor);
  w.Key("glibc_floor_file").String(ctx.native.glibc_floor_file);
  w.Key("libraries").BeginArray();
  for (const auto& lib : ctx.native.libraries)
    w.BeginObject().Key("name").String(lib.name).Key("path").String(lib.path).EndObject();
  w.EndArray().EndObject();
  const PycCacheStats& st = ctx.cache->stats();
  w.Key("bytecode").BeginObject();
  w.Key("cache_hits").Number(st.cache_hits).Key("tree_hits").Number(st.tree_hits);
  w.Key("compiled").Number(st.compiled).Key("cache_write_failures").Number(st.write_failures);
  w.EndObject().EndObject();
  return ctx.disk.WriteFileAtomic(ctx.options.report, w.str() + "\n", 0644, &ctx.err);
}

// Pass 5: stub + payload, written atomically so a failed or interrupted
// build never leaves a half-written app where the old one was.
// SOURCE_DATE_EPOCH (reproducible-builds.org): the zip timestamps; -1 (the
// zip epoch, 1980-01-01) when unset.
int64_t SourceDateEpoch() {
  const char* v = getenv("SOURCE_DATE_EPOCH");
  if (!v || !*v) return -1;
  char* end;
  long long t = strtoll(v, &end, 10);
  return *end == '\0' && t >= 0 ? t : -1;
}

bool Write(BuildContext& ctx) {
  std::string out;
  if (!ctx.disk.ReadFile(ctx.stub_path, &out, &ctx.err)) return false;
  if (!payload::WritePayload(out.size(), PythonMagic(), std::move(ctx.entries), &out, &ctx.err,
                             SourceDateEpoch()))
    return false;
  ctx.output_size = out.size();
  return ctx.disk.WriteFileAtomic(ctx.output, out, 0755, &ctx.err);
}

}  // namespace

bool ScanProgram(const BuildOptions& options, ImportChains* chains,
                 std::map<std::string, std::string>* origins, std::string* err) {
  BuildContext ctx{options};
  if (!Prepare(ctx) || !Scan(ctx)) {
    *err = ctx.err;
    return false;
  }
  *chains = ImportChains::FromGraph(*ctx.graph);
  for (const auto& [name, m] : ctx.graph->modules())
    if (!m.path.empty()) (*origins)[name] = m.path;
  return true;
}

std::shared_ptr<BuildOptions> SetupBuild(CLI::App& app) {
  auto o = std::make_shared<BuildOptions>();
  CLI::App* cmd = app.add_subcommand("build", "Freeze a Python program into one executable");
  cmd->add_option("script", o->script, "Entry script (like `python3.11 SCRIPT`)");
  cmd->add_option("-m,--module", o->module, "Run MODULE as __main__ (like `python3.11 -m MODULE`)");
  cmd->add_option("--entry", o->function, "Call MODULE:FUNCTION and exit with its result (console-script style)");
  cmd->add_option("-o,--output", o->output, "Output executable (default: the script's name without .py)");
  cmd->add_option("--stub", o->stub, "Stub executable to append the payload to (default: the one installed beside freezer)");
  cmd->add_option("--path", o->paths, "Directory searched for modules after the script's own (repeatable)");
  cmd->add_option("--venv", o->venv, "A virtual environment whose site-packages is searched after --path");
  cmd->add_option("--cache-dir", o->cache_dir, "Bytecode cache (default: $XDG_CACHE_HOME/freezer)");
  cmd->add_flag("--no-cache", o->no_cache, "Compile everything in memory; read and write no cache");
  cmd->add_flag("--hash-based", o->hash_based, "Validate cached bytecode by source hash instead of mtime and size");
  cmd->add_option("--hidden-import", o->hidden_imports, "Also bundle MODULE (repeatable)");
  cmd->add_option("--exclude-module", o->excludes, "Never bundle MODULE or its submodules (repeatable)");
  cmd->add_option("--include-package", o->include_packages, "Bundle PACKAGE and every module below it (repeatable)");
  cmd->add_option("--add-data", o->add_data, "Bundle SRC (a file or a directory) under DEST in the app, as SRC:DEST (repeatable)");
  cmd->add_option("--extract-package", o->extract_packages,
                  "At run time, write PACKAGE's files to the private cache and point its __file__ there, "
                  "for code that opens files next to __file__ (repeatable)");
  cmd->add_flag("--include-source", o->include_source, "Bundle sources too: tracebacks and inspect show source lines");
  cmd->add_flag("--compress", o->compress, "Deflate entries (smaller file, slightly slower imports)");
  cmd->add_flag("--strict", o->strict, "Fail when an unconditional import is not found");
  cmd->add_option("--optimize", o->optimize, "Bytecode optimisation level (like -O/-OO)")->check(CLI::Range(0, 2));
  cmd->add_flag("--unbuffered", o->unbuffered, "Unbuffered stdout/stderr at run time (like python -u)");
  cmd->add_option("--xoption", o->xoptions, "Interpreter -X option K[=V] baked into the app (repeatable)");
  cmd->add_option("--warnings", o->warnings, "Warning filter baked into the app, like -W (repeatable)");
  cmd->add_option("--allow-env", o->allow_env, "Honour this PYTHON* variable at run time, as python would (repeatable)");
  cmd->add_option("--report", o->report, "Write the module graph (modules, edges, missing imports) as JSON");
  cmd->add_flag("--check-reproducible", o->check_reproducible,
                 "Build a second time without the bytecode cache and fail unless both outputs are identical");
  cmd->add_flag("-q,--quiet", o->quiet, "Only warnings and errors");
  cmd->add_flag("-v,--verbose", o->verbose, "List every bundled module and every optional import not found");
  return o;
}

// Every pass of a build, in order.
bool BuildPasses(BuildContext& ctx, BuildProgress& progress) {
  const BuildOptions& options = ctx.options;
  return Prepare(ctx)       // entry checks, embedded CPython
         && LocateStub(options.stub, &ctx.stub_path, &ctx.err)  // fail before the work
         && progress.Scanning()
         && Scan(ctx)       // module graph: find, compile, follow imports
         && progress.Scanned(*ctx.graph, ctx.cache->stats())
         && ReportMissing(ctx)  // warn now, not at run time
         && progress.Collecting()
         && Collect(ctx)    // graph -> payload entries + boot manifest
         && progress.Collected(ctx.entries)
         && progress.CollectingNative()
         && CollectNative(ctx)  // shared libraries of extensions, glibc floor
         && progress.CollectedNative(ctx.native)
         && WriteReport(ctx)  // --report FILE.json
         && progress.Writing(ctx.output)
         && Write(ctx);     // stub + payload, atomically
}

// --check-reproducible: the same inputs built again, without the bytecode
// cache, must give the same bytes; the first difference is named.
bool CheckReproducible(const BuildOptions& options, const std::string& output, std::string* err) {
  BuildOptions again = options;
  again.output = JoinPath(Dirname(output), "." + Basename(output) + ".reproducible-check");
  again.no_cache = true;
  again.quiet = true;
  again.report.clear();
  again.check_reproducible = false;
  BuildContext ctx{again};
  BuildProgress quiet(true, false);
  bool built = BuildPasses(ctx, quiet);
  RealDisk disk;
  std::string first, second;
  bool read = built && disk.ReadFile(output, &first, err) && disk.ReadFile(again.output, &second, err);
  unlink(again.output.c_str());
  if (!built) {
    *err = "--check-reproducible: the second build failed: " + ctx.err;
    return false;
  }
  if (!read) return false;
  if (first == second) return true;
  size_t at = 0;
  while (at < first.size() && at < second.size() && first[at] == second[at]) ++at;
  *err = "--check-reproducible: " + output + ": two builds differ (" + std::to_string(first.size()) +
         " and " + std::to_string(second.size()) + " bytes, first difference at offset " +
         std::to_string(at) + ")";
  return false;
}

int RunBuild(const BuildOptions& options) {
  BuildContext ctx{options};
  BuildProgress progress(options.quiet, options.verbose);  // stderr: progress, summary
  bool ok = BuildPasses(ctx, progress);
  if (ok && options.check_reproducible) ok = CheckReproducible(options, ctx.output, &ctx.err);
  if (!ok) {
    PrintError(ctx.err);
    return 1;
  }
  progress.Wrote(ctx.output, ctx.output_size, ctx.native);
  return 0;
}

}  // namespace freezer
