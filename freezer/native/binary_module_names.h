// Imports made from native code: C, Cython, cffi and mypyc extensions import
// modules through the C API (PyImport_ImportModule("lxml._elementpath"),
// Cython cimports, cffi's _cffi_backend, mypyc's shared runtime), so the
// names are plain NUL-terminated strings in the shared object, where no
// bytecode scan sees them. This reads them out; the module graph decides
// which of them to follow (freezer/graph/module_graph.cc).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace freezer {

// Every distinct string of `binary` (ended by NUL or any control byte)
// shaped like a dotted module name (identifier characters, '.' between
// parts, 2 to 128 bytes, no __init__/__main__ part), in order of first
// appearance.
std::vector<std::string> ModuleNamesInBinary(std::string_view binary);

}  // namespace freezer
