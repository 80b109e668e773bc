// How a subcommand's callback hands its exit status to main: CLI11 runs the
// callback inside App::parse, and a non-zero status leaves parse as
// CLI::RuntimeError(status), which main returns.
#pragma once

#include <CLI/CLI.hpp>

#include <memory>

namespace freezer {

// Registers `run(*options)` as the callback of `cmd`.
template <typename Options>
void OnRun(CLI::App* cmd, std::shared_ptr<Options> options, int (*run)(const Options&)) {
  cmd->callback([options, run] {
    if (int status = run(*options); status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace freezer
