// How the stub configures CPython: the settings of `python3.11 -I -S` with
// the app's argv untouched and the payload as the only source of modules.
// See docs/boot-sequence.md for every field and its effect on start-up.
#pragma once

#include <string>

#include "vm/app.h"

namespace vm {

// Pre-initialises (locale, UTF-8 mode) and initialises the core of the
// interpreter with _init_main = 0, so importers can be installed before
// `encodings` is imported; sys.argv is `argv`. On failure `err` holds
// CPython's message.
bool InitializeCore(const App& app, int argc, char** argv, std::string* err);

// Finishes initialisation (imports encodings, sets up sys.stdout, signals).
// After InitializeCore failed with an empty `err`: CPython ended the start
// with this exit status (a python child's `--version`, `-h`, bad option).
int StartExitStatus();

bool InitializeMain(const App& app, std::string* err);

}  // namespace vm
