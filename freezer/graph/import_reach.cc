#include "freezer/graph/import_reach.h"

#include <deque>
#include <string>
#include <set>
#include <vector>

namespace freezer {

namespace {

std::string Parent(const std::string& name) {
  size_t dot = name.rfind('.');
  return dot == std::string::npos ? "" : name.substr(0, dot);
}

// The roots that run when the program starts: its entry (and what the
// interpreter imports first). Other roots may run later or never.
bool StartupRoot(const std::string& reason) {
  return reason.rfind("entry ", 0) == 0 || reason == "runs the -m entry" ||
         reason == "imported by the interpreter at start-up";
}

}  // namespace

const char* ReachRankName(int rank) {
  return rank <= 0 ? "required" : rank == 1 ? "delayed" : "guarded";
}

std::map<std::string, Reach> ReachOf(const ModuleGraph& graph) {
  std::map<std::string, Reach> reach;
  // One breadth-first queue per rank, worked through in rank order: the
  // first chain to reach a module is a shortest one of its best rank.
  std::deque<std::string> queue[3];
  auto offer = [&](std::string name, const Reach& r) {
    for (; !name.empty(); name = Parent(name)) {
      auto [it, fresh] = reach.emplace(name, r);
      if (!fresh) {
        if (it->second.rank <= r.rank) return;
        it->second = r;
      }
      queue[r.rank].push_back(name);
    }
  };
  // A root that some import also reaches (the modules a computed import
  // may load) is as sure as that import: offered only if no chain reaches it.
  std::set<std::string> imported;
  for (const auto& [name, m] : graph.modules()) imported.insert(m.imports.begin(), m.imports.end());
  std::vector<std::pair<std::string, std::string>> later;
  for (const auto& [name, reason] : graph.roots()) {
    Reach r;
    r.rank = StartupRoot(reason) ? 0 : 1;
    r.root_reason = reason;
    if (r.rank == 0 || !imported.count(name)) offer(name, r);
    else later.emplace_back(name, reason);
  }
  auto drain = [&] {
    for (int rank = 0; rank < 3; ++rank) {
      while (!queue[rank].empty()) {
        std::string name = queue[rank].front();
        queue[rank].pop_front();
        if (reach[name].rank != rank) continue;  // bettered since
        auto m = graph.modules().find(name);
        if (m == graph.modules().end()) continue;
        for (const std::string& dep : m->second.imports) {
          auto e = m->second.import_rank.find(dep);
          Reach r;
          r.rank = std::max(rank, e == m->second.import_rank.end() ? 1 : e->second);
          r.importer = name;
          r.imported = dep;
          offer(dep, r);
        }
      }
    }
  };
  drain();
  for (const auto& [name, reason] : later) {  // roots no chain reached after all
    Reach r;
    r.root_reason = reason;
    if (!reach.count(name)) offer(name, r);
  }
  drain();
  return reach;
}

std::set<std::string> StartupImports(const ModuleGraph& graph) {
  std::set<std::string> found;
  std::vector<std::string> todo;
  for (const auto& [name, reason] : graph.roots())
    if (StartupRoot(reason)) todo.push_back(name);
  while (!todo.empty()) {
    std::string name = std::move(todo.back());
    todo.pop_back();
    if (!found.insert(name).second) continue;
    if (!Parent(name).empty()) todo.push_back(Parent(name));  // a.b.c imports a.b first
    auto m = graph.modules().find(name);
    if (m == graph.modules().end()) continue;
    bool compiled = m->second.kind == Module::Kind::kExtension;
    for (const std::string& dep : m->second.imports) {
      auto e = m->second.import_rank.find(dep);
      int rank = e == m->second.import_rank.end() ? 1 : e->second;
      if (rank == 0 || m->second.body_imports.count(dep) || (compiled && rank == 1)) todo.push_back(dep);
    }
  }
  return found;
}

}  // namespace freezer
