// freezer: turns a Python program into one self-contained executable.
// main only wires the subcommands; each lives in its own file.
#include <CLI/CLI.hpp>

#include "freezer/build_command.h"
#include "freezer/cli_help.h"
#include "freezer/extract_command.h"
#include "freezer/init_command.h"
#include "freezer/inspect_command.h"
#include "freezer/list_command.h"
#include "freezer/progress.h"
#include "freezer/project_config.h"
#include "freezer/report_command.h"
#include "freezer/verify_command.h"
#include "freezer/why_command.h"

int main(int argc, char** argv) {
  CLI::App app{"freezer: freeze a Python 3.11 program into one self-contained executable"};
  app.require_subcommand(1);
  auto build = freezer::SetupBuild(app);
  auto init = freezer::SetupInit(app);
  auto list = freezer::SetupList(app);
  auto inspect = freezer::SetupInspect(app);
  auto extract = freezer::SetupExtract(app);
  auto verify = freezer::SetupVerify(app);
  auto why = freezer::SetupWhy(app);
  auto report = freezer::SetupReport(app);
  freezer::DescribeCli(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return freezer::ExitParseError(app, e);
  }
  if (app.got_subcommand("build")) {
    // pyproject.toml's [tool.freezer], under the flags given.
    std::string err;
    if (!freezer::ApplyProjectConfig(*app.get_subcommand("build"), build.get(), &err)) {
      freezer::PrintError(err);
      return 1;
    }
    return freezer::RunBuild(*build);
  }
  if (app.got_subcommand("init")) return freezer::RunInit(*init);
  if (app.got_subcommand("list")) return freezer::RunList(*list);
  if (app.got_subcommand("inspect")) return freezer::RunInspect(*inspect);
  if (app.got_subcommand("extract")) return freezer::RunExtract(*extract);
  if (app.got_subcommand("verify")) return freezer::RunVerify(*verify);
  if (app.got_subcommand("why")) return freezer::RunWhy(*why);
  if (app.got_subcommand("report")) return freezer::RunReport(*report);
  return 1;
}
