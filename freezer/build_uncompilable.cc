// Bundled modules whose source does not compile (a Python 2 fixture, a file
// broken on purpose, reached through --include-package or an import inside
// a function). The graph bundles each as code raising its SyntaxError
// (ModuleGraph::Compile); this pass decides whether the build may go on.
#include <string>

#include "freezer/build_context.h"

namespace freezer {

namespace {

// The first bundled module whose top-level code imports `name`: such an
// import would fail wherever that module runs, so it is the program's bug.
std::string TopLevelImporter(const ModuleGraph& graph, const std::string& name) {
  for (const auto& [importer, m] : graph.modules()) {
    if (importer == name) continue;
    auto rank = m.import_rank.find(name);
    if (rank != m.import_rank.end() && rank->second == 0) return importer;
  }
  return "";
}

}  // namespace

bool CheckUncompilable(BuildContext& ctx) {
  const BuildOptions& o = ctx.options;
  const std::string entry = !o.module.empty() ? o.module : o.function.substr(0, o.function.find(':'));
  for (const auto& [name, m] : ctx.graph->modules()) {
    if (m.syntax_error.empty()) continue;
    if (o.strict) return Error(ctx, m.syntax_error + " (--strict: every bundled module must compile)");
    if (name == entry) return Error(ctx, m.syntax_error + " (the entry module)");
    if (std::string by = TopLevelImporter(*ctx.graph, name); !by.empty())
      return Error(ctx, m.syntax_error + " (module '" + name + "' is imported at the top level of '" + by +
                            "')");
    ctx.status->Warning(m.syntax_error + ": module '" + name +
                        "' does not compile; importing it raises this SyntaxError, as under python");
  }
  return true;
}

}  // namespace freezer
