// `freezer build --report FILE.json`: the module graph, the imports not
// found, the bundled shared libraries and the bytecode cache's work, as JSON
// for people and tools.
#pragma once

#include <string>

namespace freezer {

class ModuleGraph;
struct NativeClosure;
struct PycCacheStats;

std::string BuildReportJson(const ModuleGraph& graph, const NativeClosure& native,
                            const PycCacheStats& cache);

}  // namespace freezer
