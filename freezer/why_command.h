// `freezer why TARGET MODULE`: the shortest import chain that brings MODULE
// into the bundle. TARGET is a script (scanned now) or a built app (its
// stored import graph).
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

namespace freezer {

struct WhyOptions {
  std::string target;
  std::string module;
  std::vector<std::string> paths;           // as for build, when TARGET is a script
  std::string venv;
  std::vector<std::string> hidden_imports;
  std::vector<std::string> excludes;
};

std::shared_ptr<WhyOptions> SetupWhy(CLI::App& app);
int RunWhy(const WhyOptions& options);

}  // namespace freezer
