// `freezer build`: its command line (the flag table, pyproject.toml) and how
// its progress is shown; the build itself is freezer/build.h.
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <set>
#include <string>

#include "freezer/build_options.h"

namespace freezer {

std::shared_ptr<BuildOptions> SetupBuild(CLI::App& app);
// Builds as `flags` say, after pyproject.toml's [tool.freezer] in the
// current directory, which sets what `given` ("--output", "script", ...)
// does not.
int RunBuild(const BuildOptions& flags, const std::set<std::string>& given);

}  // namespace freezer
