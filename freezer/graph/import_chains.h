// The import graph in a form that survives the build: stored in every app as
// ".freezer/graph" so `freezer why APP MODULE` and `freezer report APP` can
// answer without sources.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "archive/member_paths.h"  // kGraphMemberPath: where apps store it
#include "freezer/graph/module_graph.h"

namespace freezer {

struct ImportChains {
  // Where bundling starts, with why: "__main__" (entry), "encodings" (codec), ...
  std::vector<std::pair<std::string, std::string>> roots;
  std::map<std::string, std::vector<std::string>> edges;  // module -> modules it imports
  std::vector<MissingImport> missing;  // imports that found nothing (apps since the report)

  static ImportChains FromGraph(const ModuleGraph& graph);
  // "root<TAB>name<TAB>reason", "edge<TAB>name<TAB>dep dep ..." and
  // "missing<TAB>name<TAB>importer<TAB>where<TAB>optional|required" lines.
  // Graphs without missing lines (older apps) parse as having none.
  std::string Serialize() const;
  static bool Parse(const std::string& text, ImportChains* out, std::string* err);

  // The shortest chain of imports from a root to `module` (root first);
  // empty when nothing reaches it. Importing a.b.c also imports a and a.b.
  std::vector<std::string> ShortestChain(const std::string& module) const;
  std::string RootReason(const std::string& root) const;
  // For every module reachable from a root, the module that first imports
  // it on a shortest chain ("" for roots): "why" for a whole bundle at once.
  std::map<std::string, std::string> Importers() const;
};

}  // namespace freezer
