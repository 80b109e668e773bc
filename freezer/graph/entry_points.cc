#include "freezer/graph/entry_points.h"

#include <map>
#include <set>
#include <vector>

#include "freezer/graph/implicit_imports.h"

namespace freezer {

namespace {

// Groups that are no plugins of the program: launchers (they name
// programs) and the build system's hooks (setuptools loads them only while
// running setup(); following them would bundle every installed package
// that ships a setup command).
bool IsIgnoredGroup(const std::string& group) {
  static const char* const kGroups[] = {"console_scripts", "gui_scripts", "distutils.commands",
                                        "distutils.setup_keywords", "egg_info.writers"};
  for (const char* g : kGroups)
    if (group == g) return true;
  return group.rfind("setuptools.", 0) == 0;
}

}  // namespace

// Code finds entry points only through these readers of distributions'
// metadata; a program that bundles none of them queries none, and its build
// need not read every installed distribution's metadata (500 files, a third
// of a hello build).
static bool CanQueryEntryPoints(const ModuleGraph& graph) {
  for (const char* reader : {"importlib.metadata", "importlib_metadata", "pkg_resources", "entrypoints"}) {
    auto it = graph.modules().find(reader);
    if (it != graph.modules().end() && it->second.kind != Module::Kind::kMissing &&
        it->second.kind != Module::Kind::kExcluded)
      return true;
  }
  return false;
}

bool AddQueriedEntryPoints(ModuleGraph* graph, std::string* err) {
  if (!CanQueryEntryPoints(*graph)) return true;
  // Group name -> the entry points declared in it, over every distribution.
  std::map<std::string, std::vector<std::pair<const Distribution*, const EntryPoint*>>> groups;
  for (const Distribution& d : graph->distributions().all())
    for (const EntryPoint& ep : d.entry_points)
      if (!IsIgnoredGroup(ep.group)) groups[ep.group].emplace_back(&d, &ep);
  if (groups.empty()) return true;
  std::set<std::string> scanned, queried;
  for (bool grew = true; grew;) {
    grew = false;
    std::vector<std::pair<std::string, std::string>> wanted;  // group, the module naming it
    for (const auto& [name, m] : graph->modules()) {
      if (!scanned.insert(name).second || IsInterpreterLibraryPath(m.path)) continue;
      for (const auto& s : m.codec_names)  // short name-like strings: group names are
        if (groups.count(s) && queried.insert(s).second) wanted.emplace_back(s, name);
    }
    for (const auto& [group, by] : wanted) {
      for (const auto& [dist, ep] : groups[group]) {
        if (graph->modules().count(ep->module)) continue;
        std::string why = "entry point '" + ep->name + "' of " + dist->name + " in group '" + group +
                          "', which " + by + " names";
        bool found = false;
        if (!graph->AddOptionalModule(ep->module, why, &found, err, by)) return false;
        grew = grew || found;
      }
    }
  }
  return true;
}

}  // namespace freezer
