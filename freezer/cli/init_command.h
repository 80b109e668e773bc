// `freezer init SCRIPT`: a commented [tool.freezer] section in
// pyproject.toml (new, or appended to the project's), every key with its
// default, so `freezer build` alone builds the project.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

namespace freezer {

struct InitOptions {
  std::string entry;  // SCRIPT.py, MODULE, MODULE:FUNCTION or a [project.scripts] name;
                      // "": the file's only [project.scripts] name
  std::string file = "pyproject.toml";
};

std::shared_ptr<InitOptions> SetupInit(CLI::App& app);
int RunInit(const InitOptions& options);

// The section for `entry` (as written in the file): "[tool.freezer]", the
// entry, then every other key commented out with its default; with
// `src_layout`, paths = ["src"] set.
std::string InitSection(const std::string& entry, bool src_layout = false);

// The app's name for `entry` as [tool.freezer] writes it: a script's stem,
// a module's top-level package, a [project.scripts] name itself.
std::string AppName(const std::string& entry);

}  // namespace freezer
