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
                            const PycCacheStats& cache,
                            const std::vector<std::pair<std::string, double>>& phases);

// "phases": [{name, ms}] (wall milliseconds) (BuildResult::phases) and "options":
// [{flag, value}] (ImportChains::options): the build report and the page.
void WritePhasesAndOptions(JsonWriter& w, const std::vector<std::pair<std::string, double>>& phases,
                           const std::vector<std::pair<std::string, std::string>>& options);

// The top-level package whose extensions need a bundled shared library (its
// ImportChains::library_users), for the report's table and treemap; ""
// when extensions of several packages (or only a package rule) need it.
std::string LibraryPackage(const std::vector<std::string>& users);

// A --report path that names a page, not JSON: "FILE.html".
bool IsHtmlReport(const std::string& path);

// "rules": [{name, origin, environment, data, libraries}]: what each applied
// package rule bundled and set (the build report and `freezer report`).
void WriteAppliedRules(JsonWriter& w, const std::vector<AppliedRule>& rules);

}  // namespace freezer
