#include "freezer/build.h"

#include <stdlib.h>

#include <chrono>

#include "archive/environment_rules.h"
#include "freezer/build_context.h"
#include "freezer/build_report.h"
#include "freezer/compressed_member_cache.h"
#include "freezer/disk.h"
#include "freezer/graph/import_chains.h"
#include "freezer/graph/python_runtime.h"
#include "freezer/listing_cache_disk.h"
#include "freezer/output_guard.h"
#include "freezer/stub_locator.h"

namespace freezer {

namespace {

// The output's default: dist/NAME, NAME the [project.scripts] name, the
// script's stem or the entry's top-level package (`-m todo.cli` and
// `--entry todo.cli:main` are the app "todo", not a file "todo.cli"). In a
// directory of its own, so it never meets the package directory of the same name.
std::string DefaultOutput(const BuildOptions& o) {
  std::string name = o.app_name;
  if (name.empty() && !o.script.empty()) {
    name = Basename(o.script);
    if (name.size() > 3 && name.compare(name.size() - 3, 3, ".py") == 0) name.resize(name.size() - 3);
  } else if (name.empty()) {
    std::string module = !o.module.empty() ? o.module : o.function.substr(0, o.function.find(':'));
    name = module.substr(0, module.find('.'));
  }
  return JoinPath(o.output_dir.empty() ? "dist" : o.output_dir, name);
}

bool Prepare(BuildContext& ctx) {
  const BuildOptions& o = ctx.options;
  int entries = !o.script.empty() + !o.module.empty() + !o.function.empty();
  if (entries != 1) return Error(ctx, "give exactly one entry: SCRIPT, -m MODULE or --entry MODULE:FUNCTION");
  if (!o.function.empty() && o.function.find(':') == std::string::npos)
    return Error(ctx, "--entry '" + o.function + "': expected MODULE:FUNCTION");
  if (!o.script.empty() && ctx.disk->Stat(o.script).type != FileInfo::Type::kFile)
    return Error(ctx, "cannot read '" + o.script + "': " +
                          (ctx.disk->Stat(o.script).type == FileInfo::Type::kMissing
                               ? "No such file or directory" : "not a regular file"));
  if (!o.native_load.empty() && o.native_load != "cache" && o.native_load != "memory")
    return Error(ctx, "--native-load " + o.native_load + ": expected cache or memory");
  for (const auto& name : o.allow_env)
    if (std::string why = payload::AllowEnvProblem(name); !why.empty())
      return Error(ctx, "--allow-env " + name + ": " + why);
  // The stdlib modules libpython carries frozen (os, io, codecs, abc,
  // importlib._bootstrap, ...) are only there, never in the payload: with
  // frozen modules off the app could not start. Refused here, not at run time.
  for (const auto& x : o.xoptions)
    if (x == "frozen_modules=off")
      return Error(ctx, "--xoption frozen_modules=off: the standard library modules libpython "
                        "carries frozen (os, io, codecs, importlib._bootstrap, ...) are not in the "
                        "payload, so the app could not start; leave frozen modules on");
  ctx.output = o.output.empty() ? DefaultOutput(o) : o.output;
  // Where the output goes is known now: refuse a place it cannot go before the scan.
  if (!CheckOutputLocation(ctx.disk, "-o", ctx.output, &ctx.err) ||
      (!o.report.empty() && !CheckOutputLocation(ctx.disk, "--report", o.report, &ctx.err)))
    return false;
  return StartPython(&ctx.err);
}

bool FindStub(BuildContext& ctx) { return LocateStub(ctx.disk, ctx.options.stub, &ctx.stub_path, &ctx.err); }

// The output and the report go only where no input is (same device and inode).
bool OutputIsNoInput(BuildContext& ctx, const char* option, const std::string& path) {
  static const std::set<std::string> kNone;
  return CheckOutputIsNoInput(ctx.disk, option, path, ctx.stub_path, ctx.inputs ? *ctx.inputs : kNone,
                              &ctx.err);
}

// After the write, so every other pass has its time. A page (FILE.html) is
// the command line's to write (freezer report's, with these times): here
// only its place is checked.
bool WriteReport(BuildContext& ctx) {
  if (ctx.options.report.empty()) return true;
  if (!OutputIsNoInput(ctx, "--report", ctx.options.report) ||
      !ctx.disk->MakeOutputDirs(Dirname(ctx.options.report), &ctx.err))
    return false;
  if (IsHtmlReport(ctx.options.report)) return true;
  return ctx.disk->WriteFileAtomic(ctx.options.report,
                                   BuildReportJson(*ctx.graph, ctx.chains, ctx.native, ctx.cache->stats(),
                                                   ctx.result.phases),
                                   0644, &ctx.err);
}


// SOURCE_DATE_EPOCH (reproducible-builds.org): the zip timestamps; -1 (the
// zip epoch, 1980-01-01) when unset.
int64_t SourceDateEpoch() {
  const char* v = getenv("SOURCE_DATE_EPOCH");
  if (!v || !*v) return -1;
  char* end;
  long long t = strtoll(v, &end, 10);
  return *end == '\0' && t >= 0 ? t : -1;
}

// Members compressed in an earlier build are taken from the cache, by content.
bool CompressMembers(BuildContext& ctx) {
  CompressedMemberCache members(ctx.disk, ctx.cache->dir());
  members.Fill(&ctx.entries);
  return true;
}

// Stub + payload, written atomically so a failed or interrupted build never
// leaves a half-written app where the old one was.
bool Write(BuildContext& ctx) {
  std::string out;
  if (!ctx.disk->ReadFile(ctx.stub_path, &out, &ctx.err)) return false;
  if (!CheckBareStub(ctx.stub_path, out, &ctx.err) || !OutputIsNoInput(ctx, "-o", ctx.output))
    return false;
  if (!payload::WritePayload(out.size(), PythonMagic(), std::move(ctx.entries), &out, &ctx.err,
                             SourceDateEpoch()))
    return false;
  ctx.result.output = ctx.output;
  ctx.result.size = out.size();
  return ctx.disk->MakeOutputDirs(Dirname(ctx.output), &ctx.err) &&
         ctx.disk->WriteFileAtomic(ctx.output, out, 0755, &ctx.err);
}

// One pass: its progress name ("" for none), its name in the report's
// times, what it does, and what it reports when done.
struct BuildPass {
  const char* name;
  const char* phase;
  bool (*run)(BuildContext&);
  std::string (*summary)(BuildContext&);
};

constexpr BuildPass kPasses[] = {
    {"", "prepare", Prepare, nullptr},                // entry checks, embedded CPython
    {"", "find stub", FindStub, nullptr},             // fail before the work
    {"", "load rules", LoadRules, nullptr},           // package rules: shipped, --rules, pyproject
    {"scan", "scan", Scan, ScanSummary},              // module graph: find, compile, follow imports
    {"", "check entry", CheckEntryFunction, nullptr},  // --entry app:mian refused now
    {"", "check excludes", CheckExcludes, nullptr},   // --exclude-module of what start-up needs
    {"", "warn excludes", WarnExcludes, nullptr},     // --exclude-module of what nothing imports
    {"", "check compiles", CheckUncompilable, nullptr},  // modules that do not compile
    {"", "missing imports", ReportMissing, nullptr},  // warn now, not at run time
    {"collect", "collect", Collect, CollectSummary},  // graph -> entries + boot manifest
    {"collect native", "collect native", CollectNative, NativeSummary},  // shared libraries, glibc floor
    {"", "manifests", AddManifests, nullptr},         // boot manifest and import graph, complete now
    {"", "measure packages", MeasurePackages, nullptr},  // the largest packages, for the summary
    {"", "compress", CompressMembers, nullptr},       // compress only what no earlier build did
    {"write", "write", Write, nullptr},               // stub + payload, atomically
    {"", "", WriteReport, nullptr},                   // --report FILE.json, with the times above
};

bool RunPasses(BuildContext& ctx) {
  for (const BuildPass& pass : kPasses) {
    if (*pass.name) ctx.status->PassStarted(pass.name);
    auto start = std::chrono::steady_clock::now();
    if (!pass.run(ctx)) return false;
    if (*pass.phase)
      ctx.result.phases.emplace_back(
          pass.phase, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    if (*pass.name) ctx.status->PassFinished(pass.name, pass.summary ? pass.summary(ctx) : "");
  }
  return true;
}

// --check-reproducible: the same inputs built again, without the bytecode
// cache, must give the same bytes; the first difference is named.
bool CheckReproducible(const BuildOptions& options, Disk* disk, const std::string& output,
                       std::string* err) {
  BuildOptions again = options;
  again.output = JoinPath(Dirname(output), "." + Basename(output) + ".reproducible-check");
  again.no_cache = true;
  again.report.clear();
  again.check_reproducible = false;
  SilentBuildStatus silent;
  BuildContext ctx{again, disk, &silent};
  bool built = RunPasses(ctx);
  std::string first, second;
  bool read = built && disk->ReadFile(output, &first, err) && disk->ReadFile(again.output, &second, err);
  disk->Remove(again.output);
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

}  // namespace

bool Build(const BuildOptions& options, Disk* real_disk, BuildStatus* status, BuildResult* result,
           std::string* err) {
  ListingCacheDisk listing(real_disk);
  ReadRecordingDisk recording(&listing);
  Disk* disk = &recording;
  BuildContext ctx{options, disk, status};
  ctx.inputs = &recording.read();
  if (!RunPasses(ctx) ||
      (options.check_reproducible && !CheckReproducible(options, disk, ctx.output, &ctx.err))) {
    *err = ctx.err;
    return false;
  }
  *result = ctx.result;
  status->Finished(ctx.result);
  return true;
}

bool ScanProgram(const BuildOptions& options, Disk* real_disk, ProgramScan* scan, std::string* err) {
  ListingCacheDisk listing(real_disk);
  Disk* disk = &listing;
  SilentBuildStatus silent;
  BuildContext ctx{options, disk, &silent};
  // The package rules beside the stub, when there is one (`why` needs no stub otherwise).
  bool rules = LocateStub(disk, options.stub, &ctx.stub_path, &ctx.err) || (ctx.err.clear(), false);
  if (!Prepare(ctx) || (rules && !LoadRules(ctx)) || !Scan(ctx)) {
    *err = ctx.err;
    return false;
  }
  scan->chains = ImportChains::FromGraph(*ctx.graph);
  for (const auto& [name, m] : ctx.graph->modules())
    if (!m.path.empty()) scan->origins[name] = m.path;
  scan->rules = ctx.rules;
  scan->rules_applied = ctx.result.rules_applied;
  scan->rules_not_applied = ctx.result.rules_not_applied;
  scan->search_path = ctx.search_path;
  return true;
}

bool KnownRules(const BuildOptions& options, Disk* disk, std::vector<PackageRule>* rules, std::string* err) {
  SilentBuildStatus silent;
  BuildContext ctx{options, disk, &silent};
  if (!LocateStub(disk, options.stub, &ctx.stub_path, &ctx.err) || !LoadRules(ctx)) {
    *err = ctx.err;
    return false;
  }
  *rules = ctx.rules;
  return true;
}

}  // namespace freezer
