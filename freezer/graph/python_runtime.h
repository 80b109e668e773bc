// The freezer's own embedded CPython: the very libpython the stub links, so
// the bytecode it writes always carries the stub's magic number.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "freezer/graph/import_scanner.h"

typedef struct _object PyObject;

namespace freezer {

// Starts the interpreter once per process (isolated, no site). Later calls
// are no-ops.
bool StartPython(std::string* err);

uint32_t PythonMagic();  // first 4 bytes of every pyc
bool IsBuiltinModule(const std::string& name);
bool IsFrozenModule(const std::string& name);
// The module sysconfig imports by a name it computes from the interpreter
// ("_sysconfigdata__x86_64-linux-gnu"): the same in the app, whose
// interpreter is this one.
std::string SysconfigDataName();
// sys.stdlib_module_names: the standard library's top-level modules.
std::vector<std::string> StdlibModuleNames();
// The interpreter's own module directories (stdlib, lib-dynload).
std::vector<std::string> InterpreterSearchPath();

// An owned reference to a Python object.
class PyRef {
 public:
  PyRef() = default;
  explicit PyRef(PyObject* o) : obj_(o) {}
  PyRef(const PyRef&) = delete;
  PyRef& operator=(const PyRef&) = delete;
  PyRef(PyRef&& o) noexcept : obj_(o.obj_) { o.obj_ = nullptr; }
  PyRef& operator=(PyRef&& o) noexcept;
  ~PyRef();
  PyObject* get() const { return obj_; }
  explicit operator bool() const { return obj_ != nullptr; }

 private:
  PyObject* obj_ = nullptr;
};

// Compiles `source` as CPython would (PEP 263 coding cookie, BOM), with
// co_filename `code_filename`. A syntax error reads "path:line:col: message"
// with `display_path`. On a SyntaxError (or IndentationError, TabError),
// `raiser`, when given, receives the source of a module that raises that
// very exception, its filename the importing module's __file__.
bool CompileSource(const std::string& source, const std::string& display_path,
                   const std::string& code_filename, int optimize, PyRef* code,
                   std::string* err, std::string* raiser = nullptr);
// Code from marshalled bytes (a pyc without its header); false if they are
// not a code object.
bool UnmarshalCode(std::string_view body, PyRef* code);
bool MarshalCode(PyObject* code, std::string* body);
std::string CodeFilename(PyObject* code);
// Replaces co_filename in `code` and every code object nested in it.
void SetCodeFilename(PyObject* code, const std::string& filename);
// CPython's source hash for hash-based pycs (PEP 552), 8 bytes.
std::string SourceHash(std::string_view source);
// Imports made by a code object.
void CodeImports(PyObject* code, bool is_entry, std::vector<ImportRef>* out);
// Imports made by a frozen stdlib module (its code is inside libpython), and
// the codec names it mentions.
void FrozenModuleImports(const std::string& name, std::vector<ImportRef>* out,
                         std::vector<std::string>* codec_names);
// The codec module (in `encodings`) a name asks for, as CPython's codec
// registry and encodings.search_function resolve it; "" when none.
std::string CodecModuleFor(const std::string& name);

}  // namespace freezer
