// How the stub configures CPython: the settings of `python3.11 -I -S` with
// the app's argv untouched and the payload as the only source of modules.
// See docs/boot-sequence.md for every field and its effect on start-up.
#pragma once

#include <string>

#include "archive/boot_manifest.h"

namespace vm {

struct InterpreterSetup {
  const payload::BootManifest* manifest;
  std::string app_path;  // absolute path of the running executable
  int argc;
  char** argv;
};

// Pre-initialises (locale, UTF-8 mode) and initialises the core of the
// interpreter with _init_main = 0, so importers can be installed before
// `encodings` is imported. On failure `err` holds CPython's message.
bool InitializeCore(const InterpreterSetup& setup, std::string* err);

// Finishes initialisation (imports encodings, sets up sys.stdout, signals).
bool InitializeMain(const InterpreterSetup& setup, std::string* err);

}  // namespace vm
