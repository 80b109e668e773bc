#include "freezer/cli/build_command.h"

#include <unistd.h>

#include "freezer/build.h"
#include "freezer/build_report.h"
#include "freezer/cli/report_command.h"
#include "freezer/cli/build_flags.h"
#include "freezer/cli/diagnostics.h"
#include "freezer/cli/progress.h"
#include "freezer/cli/project_config.h"
#include "freezer/disk.h"

namespace freezer {

std::shared_ptr<BuildOptions> SetupBuild(CLI::App& app) {
  auto o = std::make_shared<BuildOptions>();
  CLI::App* cmd = app.add_subcommand("build", "Freeze a Python program into one executable");
  AddBuildFlags(cmd, o.get());
  // pyproject.toml's [tool.freezer] is read under the flags given.
  cmd->callback([cmd, o] {
    if (int status = RunBuild(*o, GivenOptions(*cmd)); status != 0) throw CLI::RuntimeError(status);
  });
  return o;
}

int RunBuild(const BuildOptions& flags, const std::set<std::string>& given) {
  BuildOptions options = flags;
  std::string err;
  if (!ApplyProjectConfig(given, &options, &err)) {
    PrintError(err);
    return 1;
  }
  char cwd[4096];
  options.shown_options = ShownOptions(options, getcwd(cwd, sizeof cwd) ? cwd : "");
  RealDisk disk;
  TerminalBuildStatus status(options.quiet, options.verbose);  // stderr: progress, summary
  BuildResult result;
  // --report FILE.html: the page `freezer report` writes, with the build's times.
  if (!Build(options, &disk, &status, &result, &err) ||
      (IsHtmlReport(options.report) && !WriteReportPage(result.output, options.report, &result.phases, &err))) {
    PrintError(err);
    return 1;
  }
  return 0;
}

}  // namespace freezer
