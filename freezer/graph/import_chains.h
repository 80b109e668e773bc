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

// A package rule that applied, as far as the report and `why` show it.
struct AppliedRule {
  std::string name, origin;
  std::vector<std::string> environment;  // "NAME=VALUE" it sets at start
  std::vector<std::string> data;         // payload destinations of its data
  std::vector<std::string> libraries;    // sonames it bundles for dlopen by name
};

struct ImportChains {
  // Where bundling starts, with why: "__main__" (entry), "encodings" (codec), ...
  std::vector<std::pair<std::string, std::string>> roots;
  // Root -> the bundled module that made it one (ModuleGraph::AddRoot):
  // chains reach such a root through its cause, from the program's roots.
  std::map<std::string, std::string> root_causes;
  std::map<std::string, std::vector<std::string>> edges;  // module -> modules it imports
  // Imports that found nothing, and unguarded ones of --exclude-module's
  // modules (apps since the report).
  std::vector<MissingImport> missing;
  std::vector<AppliedRule> rules;      // package rules that applied
  // Archive path of each bundled shared library -> why: "needed by lxml.etree"
  // or "package rule magic (...)".
  std::map<std::string, std::string> library_reasons;
  // Archive path of each bundled shared library -> the extension modules
  // that need it (the report puts it with their package).
  std::map<std::string, std::vector<std::string>> library_users;
  // Each missing module's class ("top-level", "delayed", "guarded",
  // "other-platform"; missing_imports.h) and, when the search path holds it
  // after all, its file relative to that directory ("pk/__init__.py").
  struct MissingClass {
    std::string cls, found;
  };
  std::map<std::string, MissingClass> missing_classes;
  // The options the app was built with, as flags: ("--hidden-import", "x").
  std::vector<std::pair<std::string, std::string>> options;

  static ImportChains FromGraph(const ModuleGraph& graph);
  // "root<TAB>name<TAB>reason", "cause<TAB>root<TAB>module",
  // "edge<TAB>name<TAB>dep dep ...",
  // "missing<TAB>name<TAB>importer<TAB>where<TAB>optional|required",
  // "library<TAB>archive path<TAB>reason", "library-user<TAB>archive
  // path<TAB>module", "missing-class<TAB>name<TAB>class<TAB>found",
  // "option<TAB>flag<TAB>value", and per applied rule
  // "rule<TAB>name<TAB>origin" followed by its "rule-env", "rule-data" and
  // "rule-library" lines (<TAB>name<TAB>value). Graphs without some kinds
  // of line (older apps) parse as having none.
  std::string Serialize() const;
  static bool Parse(const std::string& text, ImportChains* out, std::string* err);

  // The shortest chain of imports from a root to `module` (root first);
  // empty when nothing reaches it. Importing a.b.c also imports a and a.b.
  // A root with a cause is a step after its cause; chains start at roots
  // without one when any reaches `module`.
  std::vector<std::string> ShortestChain(const std::string& module) const;
  std::string RootReason(const std::string& root) const;
  // For every module reachable from a root, the module that first imports
  // it on a shortest chain ("" for roots): "why" for a whole bundle at once.
  std::map<std::string, std::string> Importers() const;
  // For every module reachable from a root, why it is bundled: its root's
  // reason ("entry script main.py", "package rule six (...)", also for a
  // root reached through its cause), or "imported by X".
  std::map<std::string, std::string> Reasons() const;
};

}  // namespace freezer
