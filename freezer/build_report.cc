#include "freezer/build_report.h"

#include "freezer/graph/missing_imports.h"
#include "freezer/graph/module_graph.h"
#include "freezer/graph/pyc_cache.h"
#include "freezer/json_writer.h"
#include "freezer/native/native_closure.h"

namespace freezer {

std::string BuildReportJson(const ModuleGraph& graph, const NativeClosure& native,
                            const PycCacheStats& cache) {
  JsonWriter w;
  w.BeginObject().Key("modules").BeginArray();
  for (const auto& [name, m] : graph.modules()) {
    w.BeginObject();
    w.Key("name").String(name).Key("kind").String(ModuleKindName(m.kind));
    w.Key("origin").String(m.path).Key("size").Number(m.pyc.size());
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
      w.Key("own_code").Bool(g.own_code).EndObject();
    }
  }
  w.EndArray();
  w.Key("native").BeginObject();
  w.Key("glibc_floor").String(native.glibc_floor);
  w.Key("glibc_floor_file").String(native.glibc_floor_file);
  w.Key("libraries").BeginArray();
  for (const auto& lib : native.libraries)
    w.BeginObject().Key("name").String(lib.name).Key("path").String(lib.path).EndObject();
  w.EndArray().EndObject();
  w.Key("bytecode").BeginObject();
  w.Key("cache_hits").Number(cache.cache_hits).Key("tree_hits").Number(cache.tree_hits);
  w.Key("compiled").Number(cache.compiled).Key("cache_write_failures").Number(cache.write_failures);
  w.EndObject().EndObject();
  return w.str() + "\n";
}

}  // namespace freezer
