// freezer: turns a Python program into one self-contained executable.
// main only wires the subcommands; each lives in its own file and runs from
// its CLI11 callback (freezer/cli/subcommand.h).
#include <CLI/CLI.hpp>

#include "freezer/cli/build_command.h"
#include "freezer/cli/cli_help.h"
#include "freezer/cli/diagnostics.h"
#include "freezer/cli/extract_command.h"
#include "freezer/cli/flag_hints.h"
#include "freezer/cli/init_command.h"
#include "freezer/cli/inspect_command.h"
#include "freezer/cli/list_command.h"
#include "freezer/cli/report_command.h"
#include "freezer/cli/rules_command.h"
#include "freezer/cli/verify_command.h"
#include "freezer/cli/version.h"
#include "freezer/cli/why_command.h"

int main(int argc, char** argv) {
  CLI::App app{"freezer: freeze a Python 3.11 program into one self-contained executable"};
  app.require_subcommand(1);
  app.set_version_flag("--version", freezer::VersionText, "The freezer's version, the Python it freezes for, the stub's glibc floor");
  auto build = freezer::SetupBuild(app);
  auto init = freezer::SetupInit(app);
  auto list = freezer::SetupList(app);
  auto inspect = freezer::SetupInspect(app);
  auto extract = freezer::SetupExtract(app);
  auto verify = freezer::SetupVerify(app);
  auto why = freezer::SetupWhy(app);
  auto report = freezer::SetupReport(app);
  auto rules = freezer::SetupRules(app);
  freezer::DescribeCli(app);
  // Mistyped and other bundlers' words get a hint CLI11 would not give.
  std::string err;
  if (!freezer::CheckCommandLine(app, std::vector<std::string>(argv + 1, argv + argc), &err)) {
    freezer::PrintError(err);
    return static_cast<int>(CLI::ExitCodes::ExtrasError);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::RuntimeError& e) {  // a subcommand's non-zero exit status
    return e.get_exit_code();
  } catch (const CLI::ParseError& e) {
    return freezer::ExitParseError(app, e);
  }
  return 0;
}
