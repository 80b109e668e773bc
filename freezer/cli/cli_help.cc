#include "freezer/cli/cli_help.h"

#include <cstdio>
#include <map>
#include <string>

#include "freezer/cli/diagnostics.h"

namespace freezer {

namespace {

const char* const kBuildFooter =
    "Without SCRIPT, -m or --entry, build reads the project's pyproject.toml (here or\n"
    "in a parent directory): its [tool.freezer] (`freezer init` writes one; flags\n"
    "override it), or its only [project.scripts] script.\n\n"
    "Examples:\n"
    "  freezer build app.py                       # writes dist/app\n"
    "  freezer build -m mypkg -o dist/mypkg --venv .venv\n"
    "  freezer build --entry mypkg.cli:main --hidden-import mypkg.plugins.csv\n"
    "  freezer build                              # as pyproject.toml says";

const std::map<std::string, const char*>& Footers() {
  static const std::map<std::string, const char*> footers = {
      {"build", kBuildFooter},
      {"list", "Examples:\n  freezer list app\n  freezer list app 'json.*' --sort size\n"
               "  freezer list app --kind extension --json"},
      {"inspect", "Examples:\n  freezer inspect app\n  freezer inspect app --json"},
      {"extract", "Examples:\n  freezer extract app out/      # then: PYTHONPATH=out python3.11 -c 'import mypkg'"},
      {"verify", "Exit status 0 when the app is intact, 1 when not.\n\n"
                 "Examples:\n  freezer verify app"},
      {"init", "An existing pyproject.toml gets the section appended; one that already has\n"
               "[tool.freezer] is left alone.\n\n"
               "Examples:\n"
               "  freezer init app.py && freezer build\n"
               "  freezer init mypkg.cli:main --file ../pyproject.toml"},
      {"report", "The page is one file with no external resources: open it in any browser.\n\n"
                 "Examples:\n"
                 "  freezer report dist/app -o app.html\n"
                 "  freezer report ./hello            # writes hello.html"},
      {"why", "Examples:\n  freezer why app.py json.decoder    # scans the script now\n"
              "  freezer why dist/app _ssl          # a built app: its stored graph"},
  };
  return footers;
}

// Value names for the positionals and options of the smaller subcommands.
const std::map<std::string, const char*>& ValueNames() {
  static const std::map<std::string, const char*> names = {
      {"app", "APP"},        {"dir", "DIR"},         {"glob", "GLOB"},       {"--name", "GLOB"},
      {"--kind", "KIND"},    {"--sort", "ORDER"},    {"target", "TARGET"},   {"module", "MODULE"},
      {"--output", "FILE"}, {"entry", "ENTRY"}, {"--file", "FILE"},
  };
  return names;
}

std::string NameOf(const CLI::Option* opt) {
  if (!opt->get_lnames().empty()) return "--" + opt->get_lnames().front();
  return opt->get_single_name();
}

}  // namespace

void DescribeCli(CLI::App& app) {
  app.name("freezer");
  app.footer(
      "Run `freezer SUBCOMMAND --help` for a subcommand's options.\n\n"
      "Examples:\n"
      "  freezer build app.py && dist/app\n"
      "  freezer init app.py && freezer build        # options kept in pyproject.toml\n"
      "  freezer list app --sort size\n"
      "  freezer report app -o app.html               # size treemap, modules, missing imports\n"
      "  freezer why app json.decoder");
  for (CLI::App* cmd : app.get_subcommands({})) {
    // build's options (and those why shares) carry theirs from the flag table.
    if (cmd->get_name() != "build")
      for (CLI::Option* opt : cmd->get_options())
        if (auto it = ValueNames().find(NameOf(opt)); it != ValueNames().end())
          opt->type_name(it->second);  // CLI11 adds the choices (":{name,size}") itself
    if (auto it = Footers().find(cmd->get_name()); it != Footers().end()) cmd->footer(it->second);
  }
}

int ExitParseError(CLI::App& app, const CLI::ParseError& e) {
  if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return app.exit(e);
  // The deepest subcommand that was given: its help is the useful one.
  std::string where = "freezer";
  for (CLI::App* cmd = &app; !cmd->get_subcommands().empty();) {
    cmd = cmd->get_subcommands().front();
    where += " " + cmd->get_name();
  }
  PrintError(std::string(e.what()) + " (see `" + where + " --help`)");
  return e.get_exit_code();
}

}  // namespace freezer
