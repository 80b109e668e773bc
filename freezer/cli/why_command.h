// `freezer why TARGET MODULE`: the shortest import chain that brings MODULE
// into the bundle. TARGET is a script (scanned now) or a built app (its
// stored import graph).
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "freezer/build_options.h"

namespace freezer {

struct WhyOptions {
  std::string target;
  std::string module;
  BuildOptions scan;  // when TARGET is a script: how build would find modules
  std::set<std::string> given;  // the flags given (over pyproject.toml's)
};

std::shared_ptr<WhyOptions> SetupWhy(CLI::App& app);
int RunWhy(const WhyOptions& options);

}  // namespace freezer
