// The context every pass of a build works on, and the passes (freezer/build.cc
// runs them in order): shared by build.cc, build_scan.cc and build_collect.cc
// only.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "archive/payload_writer.h"
#include "freezer/build_options.h"
#include "freezer/build_status.h"
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
  NativeClosure native;
  BuildResult result;
  std::string err;
};

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

// build_collect.cc
bool Collect(BuildContext& ctx);         // graph -> entries + boot manifest
std::string CollectSummary(BuildContext& ctx);
bool CollectNative(BuildContext& ctx);   // shared libraries of extensions, glibc floor
std::string NativeSummary(BuildContext& ctx);
bool MeasurePackages(BuildContext& ctx);  // the largest packages, for the summary

}  // namespace freezer
