#include "freezer/build_report.h"

#include <map>

#include "freezer/graph/import_chains.h"
#include "freezer/graph/missing_imports.h"
#include "freezer/graph/module_graph.h"
#include "freezer/graph/pyc_cache.h"
#include "freezer/json_writer.h"
#include "freezer/native/native_closure.h"
#include "archive/member_paths.h"

namespace freezer {

namespace {

void WriteStrings(JsonWriter& w, const char* key, const std::vector<std::string>& items) {
  w.Key(key).BeginArray();
  for (const auto& i : items) w.String(i);
  w.EndArray();
}

}  // namespace

bool IsHtmlReport(const std::string& path) {
  return path.size() > 5 && path.compare(path.size() - 5, 5, ".html") == 0;
}

std::string LibraryPackage(const std::vector<std::string>& users) {
  std::string package;
  for (const auto& u : users) {
    std::string top = u.substr(0, u.find('.'));
    if (!package.empty() && top != package) return "";
    package = top;
  }
  return package;
}

void WritePhasesAndOptions(JsonWriter& w, const std::vector<std::pair<std::string, double>>& phases,
                           const std::vector<std::pair<std::string, std::string>>& options) {
  w.Key("phases").BeginArray();
  for (const auto& [name, seconds] : phases)
    w.BeginObject().Key("name").String(name).Key("ms").Number(static_cast<uint64_t>(seconds * 1000 + 0.5)).EndObject();
  w.EndArray().Key("options").BeginArray();
  for (const auto& [flag, value] : options)
    w.BeginObject().Key("flag").String(flag).Key("value").String(value).EndObject();
  w.EndArray();
}

void WriteAppliedRules(JsonWriter& w, const std::vector<AppliedRule>& rules) {
  w.Key("rules").BeginArray();
  for (const AppliedRule& r : rules) {
    w.BeginObject().Key("name").String(r.name).Key("origin").String(r.origin);
    WriteStrings(w, "environment", r.environment);
    WriteStrings(w, "data", r.data);
    WriteStrings(w, "libraries", r.libraries);
    w.EndObject();
  }
  w.EndArray();
}

std::string BuildReportJson(const ModuleGraph& graph, const ImportChains& chains, const NativeClosure& native,
                            const PycCacheStats& cache,
                            const std::vector<std::pair<std::string, double>>& phases) {
  std::map<std::string, std::string> reasons = chains.Reasons();
  JsonWriter w;
  w.BeginObject().Key("modules").BeginArray();
  for (const auto& [name, m] : graph.modules()) {
    w.BeginObject();
    w.Key("name").String(name).Key("kind").String(ModuleKindName(m.kind));
    w.Key("origin").String(m.path).Key("size").Number(m.pyc.size());
    auto why = reasons.find(name);
    w.Key("why").String(why == reasons.end() ? "" : why->second);
    w.Key("imports").BeginArray();
    for (const auto& i : m.imports) w.String(i);
    w.EndArray().EndObject();
  }
  w.EndArray().Key("missing").BeginArray();
  // Every import, with its module's class (missing_imports.h): "top-level",
  // "delayed", "guarded" or "other-platform".
  for (const MissingModule& g : GroupMissing(graph)) {
    for (const MissingImport& m : g.imports) {
      w.BeginObject().Key("name").String(m.name).Key("importer").String(m.importer);
      w.Key("where").String(m.where).Key("optional").Bool(m.conditional);
      w.Key("guarded").Bool(m.guarded).Key("class").String(MissingClassName(g.cls));
      w.Key("own_code").Bool(g.own_code);
      // Found on the search path after all (the file, relative to its directory), and the fix.
      auto c = chains.missing_classes.find(g.name);
      std::string found = c == chains.missing_classes.end() ? "" : c->second.found;
      w.Key("on_search_path").String(found);
      w.Key("fix").String(MissingFix(g.name, MissingClassName(g.cls), found)).EndObject();
    }
  }
  w.EndArray();
  w.Key("native").BeginObject();
  w.Key("glibc_floor").String(native.glibc_floor);
  w.Key("glibc_floor_file").String(native.glibc_floor_file);
  w.Key("glibc_floor_symbol").String(native.glibc_floor_symbol);
  w.Key("libraries").BeginArray();
  for (const auto& lib : native.libraries) {
    auto why = chains.library_reasons.find(payload::SharedLibraryArchivePath(lib.name));
    w.BeginObject().Key("name").String(lib.name).Key("path").String(lib.path);
    w.Key("why").String(why == chains.library_reasons.end() ? "" : why->second);
    auto users = chains.library_users.find(payload::SharedLibraryArchivePath(lib.name));
    std::vector<std::string> needed_by;
    if (users != chains.library_users.end()) needed_by = users->second;
    WriteStrings(w, "needed_by", needed_by);
    w.Key("package").String(LibraryPackage(needed_by)).EndObject();
  }
  w.EndArray().EndObject();
  WritePhasesAndOptions(w, phases, chains.options);
  WriteAppliedRules(w, chains.rules);
  w.Key("bytecode").BeginObject();
  w.Key("cache_hits").Number(cache.cache_hits).Key("tree_hits").Number(cache.tree_hits);
  w.Key("compiled").Number(cache.compiled).Key("cache_write_failures").Number(cache.write_failures);
  w.EndObject().EndObject();
  return w.str() + "\n";
}

}  // namespace freezer
