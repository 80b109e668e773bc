#include "freezer/cli/why_command.h"

#include <cstdio>
#include <vector>

#include "archive/mapped_file.h"
#include "archive/payload_reader.h"
#include "freezer/build.h"
#include "freezer/cli/build_flags.h"
#include "freezer/cli/diagnostics.h"
#include "freezer/cli/project_config.h"
#include "freezer/cli/subcommand.h"
#include "freezer/disk.h"
#include "freezer/graph/import_chains.h"
#include "freezer/build_report.h"
#include "freezer/module_on_path.h"

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

// A module no import reaches but the search path holds: where, and the
// flag that would bundle it ("" when it is nowhere on the path).
std::string HowToAdd(const ProgramScan& scan, const std::string& module) {
  RealDisk disk;
  ModuleOnPath found = FindModuleOnPath(&disk, scan.search_path, module);
  if (found.dir.empty()) return "";
  std::string where = JoinPath(found.dir, found.package ? Dirname(found.file) + "/" : found.file);
  return "; it is on the search path (" + where + "): --hidden-import " + module + " bundles it" +
         (found.package ? ", --include-package " + module + " with everything below it" : "");
}

}  // namespace

std::shared_ptr<WhyOptions> SetupWhy(CLI::App& app) {
  auto o = std::make_shared<WhyOptions>();
  CLI::App* cmd = app.add_subcommand("why", "Show the import chain that bundles MODULE");
  cmd->add_option("target", o->target, "A script, or an app built by freezer")->required();
  cmd->add_option("module", o->module, "Module name")->required();
  AddBuildFlags(cmd, &o->scan, /*why_only=*/true);
  // pyproject.toml's [tool.freezer] (its rules, paths) is read under the flags given.
  cmd->callback([cmd, o] {
    o->given = GivenOptions(*cmd);
    if (int status = RunWhy(*o); status != 0) throw CLI::RuntimeError(status);
  });
  return o;
}

int RunWhy(const WhyOptions& o) {
  ProgramScan scan;
  ImportChains& chains = scan.chains;
  const std::map<std::string, std::string>& origins = scan.origins;
  std::string err;
  if (!ChainsFromApp(o.target, &chains, &err)) {
    if (!err.empty()) {
      PrintError(err);
      return 1;
    }
    BuildOptions b = o.scan;
    RealDisk disk;
    if (!ApplyProjectConfig(o.given, &b, &err, /*need_entry=*/false)) {
      PrintError(err);
      return 1;
    }
    b.module.clear();  // TARGET is the entry, whatever [tool.freezer] names
    b.function.clear();
    b.script = o.target;
    if (!ScanProgram(b, &disk, &scan, &err)) {
      PrintError(err);
      return 1;
    }
  }
  // A bundled shared library: what needs it, and the chain to the first
  // extension that does (apps only: a script's scan loads no libraries).
  std::string lib = o.module.rfind(".libs/", 0) == 0 ? o.module : ".libs/" + o.module;
  if (auto reason = chains.library_reasons.find(lib); reason != chains.library_reasons.end()) {
    auto users = chains.library_users.find(lib);
    std::string package = users == chains.library_users.end() ? "" : LibraryPackage(users->second);
    printf("%s  [%s%s]\n", lib.c_str(), reason->second.c_str(),
           package.empty() ? "" : ("; package " + package).c_str());
    if (users != chains.library_users.end() && !users->second.empty()) {
      std::vector<std::string> chain = chains.ShortestChain(users->second[0]);
      for (size_t i = 0; i < chain.size(); ++i)
        printf("%*s%s%s\n", static_cast<int>(2 * i + 2), "", i ? "-> " : "", chain[i].c_str());
    }
    return 0;
  }
  std::vector<std::string> chain = chains.ShortestChain(o.module);
  if (chain.empty()) {
    PrintError("'" + o.module + "' is not bundled: no import reaches it" + HowToAdd(scan, o.module));
    return 1;
  }
  for (size_t i = 0; i < chain.size(); ++i) {
    auto origin = origins.find(chain[i]);
    std::string where = origin == origins.end() ? "" : "  (" + origin->second + ")";
    if (i == 0)
      printf("%s  [%s]%s\n", chain[i].c_str(), chains.RootReason(chain[i]).c_str(), where.c_str());
    else if (auto cause = chains.root_causes.find(chain[i]);
             cause != chains.root_causes.end() && cause->second == chain[i - 1])
      printf("%*s-> %s  [%s]%s\n", static_cast<int>(2 * i - 2), "", chain[i].c_str(),
             chains.RootReason(chain[i]).c_str(), where.c_str());
    else
      printf("%*s-> %s%s\n", static_cast<int>(2 * i - 2), "", chain[i].c_str(), where.c_str());
  }
  return 0;
}

}  // namespace freezer
