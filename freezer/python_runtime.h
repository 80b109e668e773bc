// The freezer's own embedded CPython: the very libpython the stub links, so
// the bytecode it writes always carries the stub's magic number.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "freezer/import_scanner.h"

namespace freezer {

// Starts the interpreter once per process (isolated, no site). Later calls
// are no-ops.
bool StartPython(std::string* err);

uint32_t PythonMagic();  // first 4 bytes of every pyc
bool IsBuiltinModule(const std::string& name);
bool IsFrozenModule(const std::string& name);
// The interpreter's own module directories (stdlib, lib-dynload) followed by
// Debian's dist-packages directories, those that exist.
std::vector<std::string> InterpreterSearchPath();

struct CompiledModule {
  std::string pyc;                  // full pyc: PEP 552 header + marshalled code
  std::vector<ImportRef> imports;
};

// Compiles `source` as CPython would (PEP 263 coding cookie, BOM), with
// co_filename `code_filename`. A syntax error reads "path:line:col: message"
// with `display_path`.
bool CompileModule(const std::string& source, const std::string& display_path,
                   const std::string& code_filename, int optimize, bool is_entry,
                   CompiledModule* out, std::string* err);

// Imports made by a frozen stdlib module (its code is inside libpython).
void FrozenModuleImports(const std::string& name, std::vector<ImportRef>* out);

}  // namespace freezer
