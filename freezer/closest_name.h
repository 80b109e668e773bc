// "Did you mean": the known name nearest a mistyped one (subcommands,
// options, an --entry function, an --exclude-module).
#pragma once

#include <string>
#include <vector>

namespace freezer {

// The closest of `names` to `word` within a few edits (Levenshtein; a
// prefix of at least 4 characters counts as one), or "".
std::string ClosestName(const std::string& word, const std::vector<std::string>& names);

}  // namespace freezer
