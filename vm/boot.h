// The stub's whole life: find and check its payload, start CPython with the
// payload importer in place, run the entry, exit as python would.
#pragma once

namespace vm {

// Returns the process exit status. Every failure before the entry runs is a
// one-line message on stderr and a non-zero status.
int BootApp(int argc, char** argv);

}  // namespace vm
