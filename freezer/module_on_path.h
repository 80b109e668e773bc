// Where a module's file is on a search path, as python would find it (a
// .py module, a package's __init__.py, an extension): for `freezer why` and
// the report's imports not found ("on the search path after all: the flag
// that bundles it").
#pragma once

#include <string>
#include <vector>

namespace freezer {

class Disk;

struct ModuleOnPath {
  std::string dir;   // the search-path directory ("" when nowhere)
  std::string file;  // relative to it: "colorsys.py", "pk/__init__.py", "_x.cpython-311-x86_64-linux-gnu.so"
  bool package = false;
};

ModuleOnPath FindModuleOnPath(Disk* disk, const std::vector<std::string>& search_path, const std::string& module);

}  // namespace freezer
