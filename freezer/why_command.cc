#include "freezer/why_command.h"

#include <cstdio>
#include <vector>

#include "archive/mapped_file.h"
#include "archive/payload_reader.h"
#include "freezer/build_command.h"
#include "freezer/import_chains.h"

namespace freezer {

namespace {

// The graph stored in a built app; false (err empty) when TARGET is no app.
bool ChainsFromApp(const std::string& path, ImportChains* chains, std::string* err) {
  payload::MappedFile file;
  if (!file.Open(path, err)) return false;
  payload::PayloadReader reader;
  switch (reader.Open(file.bytes(), err)) {
    case payload::PayloadReader::OpenResult::kNoPayload: err->clear(); return false;
    case payload::PayloadReader::OpenResult::kDamaged: *err = "'" + path + "': damaged payload: " + *err; return false;
    case payload::PayloadReader::OpenResult::kOk: break;
  }
  std::string text;
  switch (reader.ReadText(payload::kGraphMemberPath, &text, err)) {
    case payload::PayloadReader::TextResult::kAbsent: *err = "'" + path + "' carries no import graph"; return false;
    case payload::PayloadReader::TextResult::kDamaged: return false;
    case payload::PayloadReader::TextResult::kOk: break;
  }
  return ImportChains::Parse(text, chains, err);
}

}  // namespace

std::shared_ptr<WhyOptions> SetupWhy(CLI::App& app) {
  auto o = std::make_shared<WhyOptions>();
  CLI::App* cmd = app.add_subcommand("why", "Show the import chain that bundles MODULE");
  cmd->add_option("target", o->target, "A script, or an app built by freezer")->required();
  cmd->add_option("module", o->module, "Module name")->required();
  cmd->add_option("--path", o->paths, "As for build (scripts only)");
  cmd->add_option("--venv", o->venv, "As for build (scripts only)");
  cmd->add_option("--hidden-import", o->hidden_imports, "As for build (scripts only)");
  cmd->add_option("--exclude-module", o->excludes, "As for build (scripts only)");
  return o;
}

int RunWhy(const WhyOptions& o) {
  ImportChains chains;
  std::map<std::string, std::string> origins;
  std::string err;
  if (!ChainsFromApp(o.target, &chains, &err)) {
    if (!err.empty()) {
      fprintf(stderr, "freezer: error: %s\n", err.c_str());
      return 1;
    }
    BuildOptions b;
    b.script = o.target;
    b.paths = o.paths;
    b.venv = o.venv;
    b.hidden_imports = o.hidden_imports;
    b.excludes = o.excludes;
    b.no_cache = false;
    if (!ScanProgram(b, &chains, &origins, &err)) {
      fprintf(stderr, "freezer: error: %s\n", err.c_str());
      return 1;
    }
  }
  std::vector<std::string> chain = chains.ShortestChain(o.module);
  if (chain.empty()) {
    fprintf(stderr, "freezer: error: '%s' is not bundled: no import reaches it\n", o.module.c_str());
    return 1;
  }
  for (size_t i = 0; i < chain.size(); ++i) {
    auto origin = origins.find(chain[i]);
    std::string where = origin == origins.end() ? "" : "  (" + origin->second + ")";
    if (i == 0)
      printf("%s  [%s]%s\n", chain[i].c_str(), chains.RootReason(chain[i]).c_str(), where.c_str());
    else
      printf("%*s-> %s%s\n", static_cast<int>(2 * i - 2), "", chain[i].c_str(), where.c_str());
  }
  return 0;
}

}  // namespace freezer
