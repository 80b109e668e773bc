#include "freezer/module_on_path.h"

#include "archive/python_abi.h"
#include "freezer/disk.h"

namespace freezer {

ModuleOnPath FindModuleOnPath(Disk* disk, const std::vector<std::string>& search_path, const std::string& module) {
  std::string rel = module;
  for (char& c : rel)
    if (c == '.') c = '/';
  for (const std::string& dir : search_path) {
    std::string base = JoinPath(dir, rel);
    if (disk->Stat(JoinPath(base, "__init__.py")).type == FileInfo::Type::kFile)
      return {dir, rel + "/__init__.py", true};
    if (disk->Stat(base + ".py").type == FileInfo::Type::kFile) return {dir, rel + ".py", false};
    // An extension this interpreter loads (not another Python's).
    for (std::string_view suffix : payload::kExtensionSuffixes)
      if (disk->Stat(base + std::string(suffix)).type == FileInfo::Type::kFile)
        return {dir, rel + std::string(suffix), false};
  }
  return {};
}

}  // namespace freezer
