// Small conversions between C++ values and Python objects used across vm/.
#pragma once

#include <Python.h>

#include <string>
#include <string_view>
#include <vector>

namespace vm {

enum class TextEncoding { kUtf8, kFileSystem };

// A new list of str decoded as UTF-8 (archive names) or in the file system
// encoding (command lines); nullptr with an exception set on failure.
PyObject* NewStringList(const std::vector<std::string>& items, TextEncoding encoding);

// The UTF-8 text of str `obj` (valid while `obj` lives); false with an
// exception set when it is no str or cannot be encoded.
bool Utf8View(PyObject* obj, std::string_view* text);

// A new reference to `module`.`attr` (the module imported); nullptr with an
// exception set.
PyObject* ModuleAttr(const char* module, const char* attr);

}  // namespace vm
