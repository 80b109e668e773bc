// `freezer build --report FILE.json`: the module graph (with why each
// module is bundled), the imports not found, the bundled shared libraries
// (with the extensions or rule that need each), the package rules that
// applied (what each bundled and set), and the bytecode cache's work, as
// JSON for people and tools.
#pragma once

#include <string>
#include <vector>

namespace freezer {

class JsonWriter;
class ModuleGraph;
struct AppliedRule;
struct ImportChains;
struct NativeClosure;
struct PycCacheStats;

std::string BuildReportJson(const ModuleGraph& graph, const ImportChains& chains, const NativeClosure& native,
                            const PycCacheStats& cache);

// "rules": [{name, origin, environment, data, libraries}]: what each applied
// package rule bundled and set (the build report and `freezer report`).
void WriteAppliedRules(JsonWriter& w, const std::vector<AppliedRule>& rules);

}  // namespace freezer
