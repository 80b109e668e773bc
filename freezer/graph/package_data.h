// Files that are not code but that bundled code reads: the non-Python files
// inside bundled packages, --add-data files, and the *.dist-info /
// *.egg-info metadata of bundled distributions (for importlib.metadata).
#pragma once

#include <string>
#include <vector>

#include "archive/payload_writer.h"
#include "freezer/disk.h"
#include "freezer/graph/module_graph.h"

namespace freezer {

// Every non-code file below each bundled package's directories (not in
// subpackages, __pycache__, or build-only files: *.py[cio], *.so, *.pyi,
// *.pyx, *.pxd, *.c, *.h, *.a), at its path in the app. Symlinks are
// followed only while they stay inside the package directory's tree; each
// one that leaves it is skipped with a line in `warnings`.
bool CollectPackageData(Disk* disk, const ModuleGraph& graph, bool compress,
                        std::vector<payload::PayloadEntry>* out, std::vector<std::string>* warnings,
                        std::string* err);

// --add-data SRC:DEST: a file, or a directory's files, placed under DEST.
bool CollectAddedData(Disk* disk, const std::vector<std::string>& specs, bool compress,
                      std::vector<payload::PayloadEntry>* out, std::string* err);

// A file, or a directory's files (recursively, but names matching a glob of
// `skip` and __pycache__), placed at `dest` (a file's full path in the app,
// or the directory its files go below). False with err when `src` is
// neither a file nor a directory.
bool CollectDataTree(Disk* disk, const std::string& src, const std::string& dest,
                     const std::vector<std::string>& skip, bool compress,
                     std::vector<payload::PayloadEntry>* out, std::string* err);

// The metadata directories (or PKG-INFO files) in `search_path` whose
// distribution provides a bundled top-level module.
bool CollectMetadata(Disk* disk, const ModuleGraph& graph,
                     const std::vector<std::string>& search_path,
                     std::vector<payload::PayloadEntry>* out, std::string* err);

}  // namespace freezer
