// What makes an app big, for the build summary: each top-level package (or
// module) by the bytes it puts in the payload (its modules, sources,
// extensions and data, and the shared libraries its extensions need), with
// the import that pulled it in and whether the program could do without it.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "archive/payload_writer.h"
#include "freezer/build_status.h"
#include "freezer/graph/module_graph.h"
#include "freezer/native/native_closure.h"

namespace freezer {

// The `count` largest, largest first. A shared library several packages
// need counts for each of them (it is what each brings).
std::vector<PackageSize> LargestPackages(const ModuleGraph& graph,
                                         const std::vector<payload::PayloadEntry>& entries,
                                         const NativeClosure& native, size_t count);

}  // namespace freezer
