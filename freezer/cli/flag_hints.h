// What the command line says to someone who mistyped it or came from
// another bundler: an unknown subcommand or option gets "did you mean", and
// PyInstaller's and Nuitka's common flags get one line saying the freezer
// way. Checked before CLI11 parses, which would only say "A subcommand is
// required" or "The following arguments were not expected".
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace freezer {

// The freezer way for another bundler's flag ("--onefile"), or nullptr.
const char* ForeignFlagHint(const std::string& flag);

// False with the one-line error when `args` (argv without argv[0]) names
// an unknown subcommand or an option `app`'s subcommand does not take.
bool CheckCommandLine(CLI::App& app, const std::vector<std::string>& args, std::string* err);

}  // namespace freezer
