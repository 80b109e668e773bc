#include "freezer/graph/import_chains.h"

#include <deque>
#include <set>
#include <sstream>

#include "freezer/graph/module_graph.h"

namespace freezer {

ImportChains ImportChains::FromGraph(const ModuleGraph& graph) {
  ImportChains c;
  c.roots = graph.roots();
  c.root_causes = graph.root_causes();
  for (const auto& [name, m] : graph.modules())
    if (!m.imports.empty()) c.edges[name] = m.imports;
  // Stored inside apps: "where" names the module's path in the app, not
  // the build machine's (builds are reproducible across directories).
  // With the unguarded imports of what --exclude-module left out: they fail too.
  std::vector<MissingImport> missing = graph.missing();
  for (const MissingImport& m : graph.excluded_imports())
    if (!m.guarded) missing.push_back(m);
  for (MissingImport m : missing) {
    auto importer = graph.modules().find(m.importer);
    size_t colon = m.where.rfind(':');
    if (importer != graph.modules().end() && !importer->second.archive_path.empty() &&
        colon != std::string::npos) {
      const Module& im = importer->second;
      // The entry script by its own name (not __main__.py).
      std::string file = im.name == "__main__" ? Basename(im.path) : im.archive_path;
      m.where = file + m.where.substr(colon);
    }
    c.missing.push_back(std::move(m));
  }
  return c;
}

std::string ImportChains::Serialize() const {
  std::string out;
  for (const auto& [name, reason] : roots) out += "root\t" + name + "\t" + reason + "\n";
  for (const auto& [name, cause] : root_causes) out += "cause\t" + name + "\t" + cause + "\n";
  for (const auto& [name, deps] : edges) {
    out += "edge\t" + name + "\t";
    for (size_t i = 0; i < deps.size(); ++i) out += (i ? " " : "") + deps[i];
    out += "\n";
  }
  for (const MissingImport& m : missing)
    out += "missing\t" + m.name + "\t" + m.importer + "\t" + m.where + "\t" +
           (m.conditional ? "optional" : "required") + "\n";
  for (const auto& [lib, reason] : library_reasons) out += "library\t" + lib + "\t" + reason + "\n";
  for (const auto& [lib, users] : library_users)
    for (const auto& u : users) out += "library-user\t" + lib + "\t" + u + "\n";
  for (const auto& [name, c] : missing_classes) out += "missing-class\t" + name + "\t" + c.cls + "\t" + c.found + "\n";
  for (const auto& [flag, value] : options) out += "option\t" + flag + "\t" + value + "\n";
  for (const AppliedRule& r : rules) {
    out += "rule\t" + r.name + "\t" + r.origin + "\n";
    for (const auto& e : r.environment) out += "rule-env\t" + r.name + "\t" + e + "\n";
    for (const auto& d : r.data) out += "rule-data\t" + r.name + "\t" + d + "\n";
    for (const auto& l : r.libraries) out += "rule-library\t" + r.name + "\t" + l + "\n";
  }
  return out;
}

bool ImportChains::Parse(const std::string& text, ImportChains* out, std::string* err) {
  *out = ImportChains{};
  std::istringstream in(text);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    size_t t1 = line.find('\t');
    size_t t2 = t1 == std::string::npos ? t1 : line.find('\t', t1 + 1);
    if (t2 == std::string::npos) {
      *err = "import graph line " + std::to_string(n) + " is malformed";
      return false;
    }
    std::string kind = line.substr(0, t1), name = line.substr(t1 + 1, t2 - t1 - 1);
    std::string rest = line.substr(t2 + 1);
    if (kind == "root") {
      out->roots.emplace_back(name, rest);
    } else if (kind == "cause") {
      out->root_causes[name] = rest;
    } else if (kind == "missing") {
      // importer<TAB>where<TAB>optional; `where` is a path and may hold a tab.
      size_t t3 = rest.find('\t'), t4 = rest.rfind('\t');
      if (t3 == std::string::npos || t4 == t3) {
        *err = "import graph line " + std::to_string(n) + " is malformed";
        return false;
      }
      out->missing.push_back({name, rest.substr(0, t3), rest.substr(t3 + 1, t4 - t3 - 1),
                              rest.substr(t4 + 1) == "optional"});
    } else if (kind == "edge") {
      std::istringstream deps(rest);
      std::string d;
      while (deps >> d) out->edges[name].push_back(d);
    } else if (kind == "library") {
      out->library_reasons[name] = rest;
    } else if (kind == "library-user") {
      out->library_users[name].push_back(rest);
    } else if (kind == "missing-class") {
      size_t tab = rest.find('\t');
      if (tab == std::string::npos) {
        *err = "import graph line " + std::to_string(n) + " is malformed";
        return false;
      }
      out->missing_classes[name] = {rest.substr(0, tab), rest.substr(tab + 1)};
    } else if (kind == "option") {
      out->options.emplace_back(name, rest);
    } else if (kind == "rule") {
      out->rules.push_back({name, rest, {}, {}, {}});
    } else if ((kind == "rule-env" || kind == "rule-data" || kind == "rule-library") && !out->rules.empty() &&
               out->rules.back().name == name) {
      AppliedRule& r = out->rules.back();
      (kind == "rule-env" ? r.environment : kind == "rule-data" ? r.data : r.libraries).push_back(rest);
    } else {
      *err = "import graph line " + std::to_string(n) + " is malformed";
      return false;
    }
  }
  return true;
}

namespace {

// Breadth-first from the roots without a cause, a caused root one step
// after its cause; then from the caused roots nothing reached (their cause
// came from outside the graph). Stops at `target` when it is not empty.
std::map<std::string, std::string> Predecessors(const ImportChains& c, const std::string& target) {
  const auto& edges = c.edges;
  std::multimap<std::string, std::string> caused;  // cause -> root
  for (const auto& [root, cause] : c.root_causes) caused.emplace(cause, root);
  std::map<std::string, std::string> prev;
  std::deque<std::string> queue;
  auto visit = [&](const std::string& from, const std::string& to) {
    if (prev.emplace(to, from).second) queue.push_back(to);
  };
  for (bool with_cause : {false, true}) {
    for (const auto& [root, reason] : c.roots)
      if (c.root_causes.count(root) == with_cause) visit("", root);
    while (!queue.empty()) {
      std::string m = queue.front();
      queue.pop_front();
      if (!target.empty() && m == target) return prev;
      // Importing a.b.c imports its parents first.
      for (size_t dot = m.find('.'); dot != std::string::npos; dot = m.find('.', dot + 1))
        visit(m, m.substr(0, dot));
      if (auto it = edges.find(m); it != edges.end())
        for (const auto& d : it->second) visit(m, d);
      for (auto [it, end] = caused.equal_range(m); it != end; ++it) visit(m, it->second);
    }
  }
  return prev;
}

}  // namespace

std::map<std::string, std::string> ImportChains::Importers() const { return Predecessors(*this, ""); }

std::vector<std::string> ImportChains::ShortestChain(const std::string& module) const {
  if (module.empty()) return {};
  std::map<std::string, std::string> prev = Predecessors(*this, module);
  std::vector<std::string> chain;
  if (!prev.count(module)) return chain;
  for (std::string m = module; !m.empty(); m = prev[m]) chain.insert(chain.begin(), m);
  return chain;
}

std::string ImportChains::RootReason(const std::string& root) const {
  for (const auto& [name, reason] : roots)
    if (name == root) return reason;
  return "";
}

std::map<std::string, std::string> ImportChains::Reasons() const {
  std::map<std::string, std::string> root_reason(roots.begin(), roots.end());  // first reason wins
  std::map<std::string, std::string> out = Importers();
  for (auto& [module, importer] : out) {
    auto cause = root_causes.find(module);
    bool caused = cause != root_causes.end() && cause->second == importer;
    importer = importer.empty() || caused ? root_reason[module] : "imported by " + importer;
  }
  return out;
}

}  // namespace freezer
