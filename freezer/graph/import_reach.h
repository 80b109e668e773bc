// How surely the program imports each module of its graph, and through
// which import: for the warnings about missing modules (a top-level import
// in a module only a function imports fails only when that runs) and for the
// size summary (the import that pulled a package in, and whether it is
// optional).
#pragma once

#include <map>
#include <set>
#include <string>

#include "freezer/graph/module_graph.h"

namespace freezer {

struct Reach {
  // The best, over chains of imports from a root, of the worst ImportRank
  // on the chain: 0 at start-up (the entry, then top-level imports only);
  // 1 a function, or a root found by discovery (hidden imports, computed
  // imports, codecs), comes between; 2 only through imports under a handler
  // of ImportError.
  int rank = 1;
  // The last import on such a chain (a shortest one of that rank): the
  // module making it and the name it imports (a.b.c reaches a and a.b too).
  // Empty for a root, with `root_reason` its reason.
  std::string importer, imported, root_reason;
};

std::map<std::string, Reach> ReachOf(const ModuleGraph& graph);

// The modules start-up probably imports: from the start-up roots (the
// entry, what the interpreter imports first) through the imports of module
// bodies (those under `try: ... except ImportError` too: a bundled module
// is found, so they run), and through every unguarded import an extension
// module makes (compiled
// modules, Cython's above all, import what they use as they initialise;
// ReachOf counts those as delayed, since the binary does not say). For
// storage decisions, not warnings.
std::set<std::string> StartupImports(const ModuleGraph& graph);

// "required" (rank 0), "delayed", "guarded".
const char* ReachRankName(int rank);

}  // namespace freezer
