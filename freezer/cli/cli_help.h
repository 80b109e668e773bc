// What `freezer --help` and `freezer SUBCOMMAND --help` show beyond each
// option's own description: value names, option groups, examples; and how
// a command line that does not parse is reported.
#pragma once

#include <CLI/CLI.hpp>

namespace freezer {

// Call after every Setup*: it decorates the options they declared.
void DescribeCli(CLI::App& app);

// --help and --version print and return 0; anything else prints
// "freezer: error: <what>" and a pointer to the subcommand's --help.
int ExitParseError(CLI::App& app, const CLI::ParseError& e);

}  // namespace freezer
