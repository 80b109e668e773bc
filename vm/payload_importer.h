// The importer that serves every non-built-in module from the payload: a
// meta path finder and loader written against CPython's C API. Lookups are
// binary searches in the mapped index; no path is searched and no file is
// opened (extension modules go through a memfd).
#pragma once

#include <Python.h>

#include <string>
#include <vector>

#include "archive/payload_reader.h"

namespace vm {

struct ImporterSetup {
  const payload::PayloadReader* reader;
  std::string app_path;      // absolute; module paths are <app_path>/pkg/mod.py
  std::string program_name;  // for "damaged payload" messages
  bool sources = false;      // sources bundled: register them for linecache
  std::vector<std::string> extract_packages;  // served from the private cache
};

// Creates the importer and appends it to sys.meta_path (core phase: before
// PathFinder is added, so it ends up ahead of it).
bool InstallPayloadImporter(const ImporterSetup& setup, std::string* err);

// The importer object (borrowed), for __main__.__loader__.
PyObject* PayloadImporter();

// A new reference to the code object of a bundled module, its co_filename
// set to `filename`; fatal (damaged payload) when the entry does not check out.
PyObject* BundledModuleCode(const char* module_name, const std::string& filename);

// Prints "<program>: damaged payload: <what>" and exits with status 1: bytes
// that fail their check are never run.
[[noreturn]] void DamagedPayload(const std::string& what);

}  // namespace vm
