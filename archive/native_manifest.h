// The ".freezer/native" member: which bundled shared libraries each
// extension module needs, in the order the stub must load them (a library
// before anything that needs it), the newest glibc symbol version any
// bundled file asks for, the SHA-256 of every native file's (uncompressed)
// bytes, which names its copy in the shared cache (vm/native_loader.h), and
// how the stub loads native code. Written by the freezer, read by the stub
// and `freezer inspect`: plain tab-separated lines.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "archive/member_paths.h"  // kNativeManifestPath

namespace payload {

struct NativeManifest {
  // Extension archive path -> archive paths of the libraries to load first.
  std::map<std::string, std::vector<std::string>> preload;
  std::string glibc_floor;       // "GLIBC_2.34", empty when nothing needs one
  std::string glibc_floor_file;  // the file that needs it
  std::string glibc_floor_symbol;  // a symbol of it that does ("stat@GLIBC_2.33"); may be empty
  // Archive path of every extension and shared library -> the SHA-256 of
  // its bytes, 64 lowercase hex digits. A file without one is loaded from
  // memory.
  std::map<std::string, std::string> sha256;
  // --native-load memory: memfds only, nothing written to disk. Otherwise
  // (the default, "cache") the shared per-user cache first.
  bool load_memory = false;
};

// 64 lowercase hex digits.
bool IsSha256Hex(const std::string& s);

std::string SerializeNativeManifest(const NativeManifest& m);
bool ParseNativeManifest(const std::string& text, NativeManifest* m, std::string* err);

}  // namespace payload
