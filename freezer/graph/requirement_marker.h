// Environment markers of a distribution's requirements (PEP 508:
// `py ; implementation_name == "pypy"`): a requirement whose marker is false
// for the stub's interpreter (CPython 3.11 on Linux, no extras) is none.
#pragma once

#include <string>

namespace freezer {

// False only when `marker` is definitely false here: every `or` branch has
// a clause that is. Unknown variables, and parentheses where `and` and
// `or` mix, count as true: no requirement that may hold is dropped.
bool MarkerMayHold(const std::string& marker);

}  // namespace freezer
