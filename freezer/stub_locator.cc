#include "freezer/stub_locator.h"

#include <limits.h>
#include <unistd.h>

#include <vector>

#include "freezer/disk.h"

namespace freezer {

bool LocateStub(Disk* disk, const std::string& explicit_path, std::string* path, std::string* err) {
  if (!explicit_path.empty()) {
    if (disk->Stat(explicit_path).type != FileInfo::Type::kFile) {
      *err = "cannot find the stub: '" + explicit_path + "' is not a file";
      return false;
    }
    *path = explicit_path;
    return true;
  }
  char buf[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
  if (n <= 0) {
    *err = "cannot find the stub: /proc/self/exe is unreadable (use --stub PATH)";
    return false;
  }
  std::string dir = Dirname(std::string(buf, static_cast<size_t>(n)));
  std::vector<std::string> candidates = {
      JoinPath(dir, "freezer-stub"),                     // build tree: build/bin/
      JoinPath(dir, "../libexec/freezer/freezer-stub")};  // installed: <prefix>/bin/
  for (const auto& c : candidates) {
    if (disk->Stat(c).type == FileInfo::Type::kFile) {
      *path = c;
      return true;
    }
  }
  *err = "cannot find the stub: looked for " + candidates[0] + " and " + candidates[1] +
         " (use --stub PATH)";
  return false;
}

}  // namespace freezer
