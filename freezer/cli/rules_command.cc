#include "freezer/cli/rules_command.h"

#include <algorithm>
#include <cstdio>

#include "freezer/build.h"
#include "freezer/cli/build_flags.h"
#include "freezer/cli/diagnostics.h"
#include "freezer/cli/project_config.h"
#include "freezer/disk.h"
#include "freezer/rules/rule_file.h"

namespace freezer {

namespace {

void PrintRuleLine(const PackageRule& r, const std::string& state) {
  printf("  %-14s %s\n", r.name.c_str(), state.c_str());
  std::string from = r.file.empty() || r.file == r.origin ? r.origin : r.file;
  printf("  %-14s %s%s\n", "", from.c_str(), r.package == r.name ? "" : (", package " + r.package).c_str());
  if (!r.note.empty()) printf("  %-14s %s\n", "", r.note.c_str());
}

const PackageRule* Named(const std::vector<PackageRule>& rules, const std::string& name) {
  auto it = std::find_if(rules.begin(), rules.end(), [&](const PackageRule& r) { return r.name == name; });
  return it == rules.end() ? nullptr : &*it;
}

// Every known rule, or (with a program) those that apply to it and why.
int ListRules(const BuildOptions& b, Disk* disk) {
  std::string err;
  bool program = !b.script.empty() || !b.module.empty() || !b.function.empty();
  if (!program) {
    std::vector<PackageRule> rules;
    if (!KnownRules(b, disk, &rules, &err)) {
      PrintError(err);
      return 1;
    }
    printf("%zu package rules (`freezer rules SCRIPT` shows which apply to a program):\n", rules.size());
    for (const PackageRule& r : rules) PrintRuleLine(r, "applies when " + r.package + " is bundled" +
                                                           (r.version.empty() ? "" : ", version " + r.version));
    return 0;
  }
  ProgramScan scan;
  if (!ScanProgram(b, disk, &scan, &err)) {
    PrintError(err);
    return 1;
  }
  std::string what = !b.script.empty() ? b.script : !b.module.empty() ? "-m " + b.module : b.function;
  printf("package rules for %s: %zu of %zu apply\n", what.c_str(), scan.rules_applied.size(), scan.rules.size());
  for (const auto& name : scan.rules_applied) {
    const PackageRule* r = Named(scan.rules, name);
    std::vector<std::string> chain = scan.chains.ShortestChain(r->package);
    std::string why = r->package + " is bundled";
    if (!chain.empty()) {
      why += " (" + scan.chains.RootReason(chain.front()) + ": ";
      for (size_t i = 0; i < chain.size(); ++i) why += (i ? " -> " : "") + chain[i];
      why += ")";
    }
    PrintRuleLine(*r, "applies: " + why);
  }
  for (const auto& line : scan.rules_not_applied) {
    const PackageRule* r = Named(scan.rules, line.substr(0, line.find(':')));
    PrintRuleLine(*r, "not applied:" + line.substr(line.find(':') + 1));
  }
  return 0;
}

// The rule's own file when it has one (comments say why), else its text.
int ShowRule(const BuildOptions& b, const std::string& name, Disk* disk) {
  std::vector<PackageRule> rules;
  std::string err;
  if (!KnownRules(b, disk, &rules, &err)) {
    PrintError(err);
    return 1;
  }
  const PackageRule* r = Named(rules, name);
  if (!r) {
    PrintError("rules show " + name + ": no such package rule (`freezer rules` lists them)");
    return 1;
  }
  std::string text;
  bool own_file = !r->file.empty() && disk->ReadFile(r->file, &text, &err);
  std::string from = r->file.empty() || r->file == r->origin ? r->origin : r->origin + ": " + r->file;
  printf("# package rule %s, from %s\n%s", r->name.c_str(), from.c_str(),
         own_file ? text.c_str() : RuleToToml(*r).c_str());
  return 0;
}

}  // namespace

std::shared_ptr<RulesOptions> SetupRules(CLI::App& app) {
  auto o = std::make_shared<RulesOptions>();
  CLI::App* cmd = app.add_subcommand(
      "rules", "List the package rules; with SCRIPT (or a [tool.freezer] entry), those that apply and why");
  cmd->add_option("script", o->script, "A script whose rules to show");
  AddBuildFlags(cmd, &o->scan, /*why_only=*/true);
  CLI::App* show = cmd->add_subcommand("show", "Print one package rule");
  show->add_option("name", o->show, "The rule's name")->required();
  cmd->callback([cmd, o] {
    o->given = GivenOptions(*cmd);
    if (int status = RunRules(*o); status != 0) throw CLI::RuntimeError(status);
  });
  return o;
}

int RunRules(const RulesOptions& o) {
  BuildOptions b = o.scan;
  std::string err;
  if (!ApplyProjectConfig(o.given, &b, &err, /*need_entry=*/false)) {
    PrintError(err);
    return 1;
  }
  if (!o.script.empty()) {
    b.module.clear();
    b.function.clear();
    b.script = o.script;
  }
  RealDisk disk;
  return o.show.empty() ? ListRules(b, &disk) : ShowRule(b, o.show, &disk);
}

}  // namespace freezer
