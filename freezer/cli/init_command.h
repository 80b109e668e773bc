// `freezer init SCRIPT`: a commented [tool.freezer] section in
// pyproject.toml (new, or appended to the project's), every key with its
// default, so `freezer build` alone builds the project.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

namespace freezer {

struct InitOptions {
  std::string entry;                 // SCRIPT.py, MODULE or MODULE:FUNCTION
  std::string file = "pyproject.toml";
};

std::shared_ptr<InitOptions> SetupInit(CLI::App& app);
int RunInit(const InitOptions& options);

// The section for `entry` (as written in the file): "[tool.freezer]", the
// entry, then every other key commented out with its default.
std::string InitSection(const std::string& entry);

}  // namespace freezer
