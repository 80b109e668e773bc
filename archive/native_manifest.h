// The ".freezer/native" member: which bundled shared libraries each
// extension module needs, in the order the stub must load them (a library
// before anything that needs it), and the newest glibc symbol version any
// bundled file asks for. Written by the freezer, read by the stub and
// `freezer inspect`: plain tab-separated lines.
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
};

std::string SerializeNativeManifest(const NativeManifest& m);
bool ParseNativeManifest(const std::string& text, NativeManifest* m, std::string* err);

}  // namespace payload
