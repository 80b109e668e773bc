// The import graph in a form that survives the build: stored in every app as
// ".freezer/graph" so `freezer why APP MODULE` can answer without sources.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace freezer {

class ModuleGraph;

inline constexpr const char* kGraphMemberPath = ".freezer/graph";

struct ImportChains {
  // Where bundling starts, with why: "__main__" (entry), "encodings" (codec), ...
  std::vector<std::pair<std::string, std::string>> roots;
  std::map<std::string, std::vector<std::string>> edges;  // module -> modules it imports

  static ImportChains FromGraph(const ModuleGraph& graph);
  // "root<TAB>name<TAB>reason" and "edge<TAB>name<TAB>dep dep ..." lines, sorted.
  std::string Serialize() const;
  static bool Parse(const std::string& text, ImportChains* out, std::string* err);

  // The shortest chain of imports from a root to `module` (root first);
  // empty when nothing reaches it. Importing a.b.c also imports a and a.b.
  std::vector<std::string> ShortestChain(const std::string& module) const;
  std::string RootReason(const std::string& root) const;
};

}  // namespace freezer
