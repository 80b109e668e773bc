// freezer: turns a Python program into one self-contained executable.
// main only wires the subcommands; each lives in its own file.
#include <CLI/CLI.hpp>

#include "freezer/build_command.h"
#include "freezer/list_command.h"

int main(int argc, char** argv) {
  CLI::App app{"freezer: freeze a Python 3.11 program into one self-contained executable"};
  app.require_subcommand(1);
  auto build = freezer::SetupBuild(app);
  auto list = freezer::SetupList(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  if (app.got_subcommand("build")) return freezer::RunBuild(*build);
  if (app.got_subcommand("list")) return freezer::RunList(*list);
  return 1;
}
