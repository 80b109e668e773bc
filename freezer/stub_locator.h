// Where the prebuilt stub is: beside the freezer in a build tree, under
// <prefix>/libexec/freezer after `cmake --install`.
#pragma once

#include <string>

namespace freezer {

class Disk;

// `explicit_path` (from --stub) wins when given.
bool LocateStub(Disk* disk, const std::string& explicit_path, std::string* path, std::string* err);

}  // namespace freezer
