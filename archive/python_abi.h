// What the freezer and the stub both assume about the embedded CPython's ABI
// (Debian's 3.11 on x86_64). The freezer finds and names files with these;
// the stub's importer resolves bundled names with the same ones, so the two
// can never disagree.
#pragma once

#include <cstdint>
#include <string_view>

namespace payload {

// sys.implementation.cache_tag: pyc file names, "x.cpython-311.pyc".
inline constexpr std::string_view kCacheTag = "cpython-311";

// importlib.machinery.EXTENSION_SUFFIXES, in FileFinder's order: within one
// directory, the first that exists wins.
inline constexpr std::string_view kExtensionSuffixes[] = {
    ".cpython-311-x86_64-linux-gnu.so", ".abi3.so", ".so"};

// Bytes of CPython's pyc header (PEP 552) in front of every module's bytecode:
// magic, flags, then mtime+size or the source hash.
inline constexpr uint32_t kPycHeaderSize = 16;

// The extension suffix `path` ends with; empty when it is no extension module.
inline std::string_view ExtensionSuffixOf(std::string_view path) {
  for (std::string_view s : kExtensionSuffixes)
    if (path.size() > s.size() && path.substr(path.size() - s.size()) == s) return s;
  return {};
}

}  // namespace payload
