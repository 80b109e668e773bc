// The context every pass of a build works on, and the passes (freezer/build.cc
// runs them in order): shared by build.cc, build_scan.cc and build_collect.cc
// only.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "archive/boot_manifest.h"
#include "archive/payload_writer.h"
#include "freezer/build_options.h"
#include "freezer/build_status.h"
#include "freezer/graph/import_chains.h"
#include "freezer/graph/module_graph.h"
#include "freezer/graph/pyc_cache.h"
#include "freezer/native/native_closure.h"

namespace freezer {

class Disk;

// Everything one build works on, passed from pass to pass.
struct BuildContext {
  const BuildOptions& options;
  Disk* disk;
  BuildStatus* status;
  std::string stub_path;
  std::string output;
  std::unique_ptr<PycCache> cache;
  std::unique_ptr<ModuleGraph> graph;
  std::vector<std::string> search_path;
  std::vector<payload::PayloadEntry> entries;
  std::vector<PackageRule> rules;            // every rule known to this build
  std::vector<const PackageRule*> applied;   // those whose package is bundled
  NativeClosure native;
  payload::BootManifest boot;                // made by collect, finished by collect native
  std::map<std::string, std::string> library_reasons;  // shared library archive path -> why
  std::map<std::string, std::vector<std::string>> library_users;  // ... -> extension modules needing it
  ImportChains chains;                       // what the app stores for why and report
  BuildResult result;
  std::string err;
  // Every file the build read (freezer/output_guard.h); null outside Build.
  const std::set<std::string>* inputs = nullptr;
};

// Why the codecs bundled because codecs are named at run time are roots
// (build_scan.cc adds them; build_collect.cc deflates what only they need).
inline constexpr char kRunTimeCodecReason[] = "codec (codecs are named at run time)";

// Sets ctx.err; returns false, for `return Error(ctx, "...")`.
inline bool Error(BuildContext& ctx, const std::string& msg) {
  ctx.err = msg;
  return false;
}

inline bool IsPythonModule(Module::Kind k) {
  return k == Module::Kind::kSource || k == Module::Kind::kPackage || k == Module::Kind::kNamespace;
}

// build_scan.cc
bool Scan(BuildContext& ctx);            // module graph: find, compile, follow imports
std::string ScanSummary(BuildContext& ctx);
bool ReportMissing(BuildContext& ctx);   // warn now, not at run time
bool CheckExcludes(BuildContext& ctx);   // --exclude-module of what start-up needs: an error

// build_checks.cc
bool CheckEntryFunction(BuildContext& ctx);  // --entry MODULE:FUNCTION names a top-level name
bool WarnExcludes(BuildContext& ctx);        // --exclude-module nothing imports, or top-level imports
// build_uncompilable.cc
bool CheckUncompilable(BuildContext& ctx);  // modules that do not compile: a warning, or an error

// build_rules.cc
bool LoadRules(BuildContext& ctx);       // shipped, --rules, [tool.freezer.rules]
void AddRuleGraphOptions(BuildContext& ctx, GraphOptions* options);  // replacements, import exclusions
bool ApplyRules(BuildContext& ctx, std::string* err);  // hidden imports of rules whose package is bundled
bool CollectRuleData(BuildContext& ctx);  // their data entries
void AddRuleBootSettings(BuildContext& ctx, payload::BootManifest* manifest);  // environment, on-disk files
std::vector<AppliedRule> AppliedRuleRecords(BuildContext& ctx);  // for the report and why

// build_collect.cc
bool Collect(BuildContext& ctx);         // graph -> entries + boot manifest
std::string CollectSummary(BuildContext& ctx);
bool CollectNative(BuildContext& ctx);   // shared libraries of extensions, glibc floor
bool AddManifests(BuildContext& ctx);    // boot manifest and import graph members, after native
std::string NativeSummary(BuildContext& ctx);
bool MeasurePackages(BuildContext& ctx);  // the largest packages, for the summary

// build_glibc_floor.cc (run by CollectNative)
bool LowerGlibcFloor(BuildContext& ctx);  // --glibc-floor: lower bundled files' glibc needs; the app's floor

}  // namespace freezer
