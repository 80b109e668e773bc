// `freezer rules [SCRIPT]`: the package rules a build knows (shipped beside
// the stub, --rules, [tool.freezer.rules]); with a program (SCRIPT, or the
// entry of pyproject.toml's [tool.freezer]), which of them apply to it and
// why. `freezer rules show NAME` prints one rule.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <set>
#include <string>

#include "freezer/build_options.h"

namespace freezer {

struct RulesOptions {
  std::string script;           // optional: the program whose rules to show
  std::string show;             // `rules show NAME`
  BuildOptions scan;            // how build would find modules and rules
  std::set<std::string> given;  // the flags given (over pyproject.toml's)
};

std::shared_ptr<RulesOptions> SetupRules(CLI::App& app);
int RunRules(const RulesOptions& options);

}  // namespace freezer
