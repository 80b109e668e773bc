// What package rules ask of the app at start, before the interpreter (and
// so before any user code): payload files written to the private cache for
// code that opens them by path (the zone-info database, OpenSSL's provider
// modules), and environment variables the packages read ("{files}" naming
// where those files are), and shared libraries the packages dlopen by name,
// loaded now so that the name finds them. A variable already set is left
// alone: the user (or the system) may point the package elsewhere.
#pragma once

#include <string>

#include "vm/app.h"

namespace vm {

// Writes the manifest's on_disk files (once per payload digest: a marker
// records that all were written) and sets its environment. False with
// `err` when the private cache cannot be used.
bool ApplyRuleSettings(App& app, std::string* err);

}  // namespace vm
