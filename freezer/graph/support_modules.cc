#include "freezer/graph/support_modules.h"

#include "archive/member_paths.h"
#include "vm/support/support_sources.h"

namespace freezer {

namespace {

bool Bundled(const ModuleGraph& graph, const char* name) {
  auto it = graph.modules().find(name);
  return it != graph.modules().end() && it->second.kind != Module::Kind::kMissing &&
         it->second.kind != Module::Kind::kExcluded;
}

bool Add(ModuleGraph* graph, std::string_view name, const char* source, std::string* err) {
  return graph->AddGeneratedModule(std::string(name), source, err);
}

}  // namespace

bool AddSupportModules(ModuleGraph* graph, bool include_source, std::string* err) {
  if (include_source && !Add(graph, payload::kSourceHooksSupportModule, kSourceHooksModuleSource, err))
    return false;
  if (Bundled(*graph, "multiprocessing.spawn") &&
      !Add(graph, payload::kMultiprocessingSupportModule, kMultiprocessingModuleSource, err))
    return false;
  if ((Bundled(*graph, "importlib.resources") || Bundled(*graph, "importlib.metadata") ||
       Bundled(*graph, "pkg_resources")) &&
      !Add(graph, payload::kResourcesSupportModule, kResourcesModuleSource, err))
    return false;
  return true;
}

}  // namespace freezer
