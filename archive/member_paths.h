// The payload members the freezer writes for itself, and where bundled shared
// libraries live: the one list of them that the freezer, its inspection
// commands and the stub all use (docs/payload-format.md, "Members").
#pragma once

#include <string>
#include <string_view>

namespace payload {

// Every member of the freezer's own lives below this directory; none of
// them is a module, package data or metadata of the program.
inline constexpr std::string_view kFreezerMemberDir = ".freezer/";

// The sorted index (not listed in itself): archive/payload_format.h.
inline constexpr std::string_view kIndexMemberName = ".freezer/index";
// How the stub starts the interpreter: archive/boot_manifest.h.
inline constexpr std::string_view kBootManifestPath = ".freezer/boot";
// Which bundled shared libraries each extension needs: archive/native_manifest.h.
inline constexpr std::string_view kNativeManifestPath = ".freezer/native";
// The import graph, for `freezer why` and `freezer report` only (the stub
// never reads it): freezer/graph/import_chains.h.
inline constexpr std::string_view kGraphMemberPath = ".freezer/graph";

// Shared libraries are stored flat under this directory by soname.
inline constexpr std::string_view kSharedLibraryDir = ".libs/";

inline std::string SharedLibraryArchivePath(std::string_view soname) {
  return std::string(kSharedLibraryDir) + std::string(soname);
}

inline bool IsFreezerMember(std::string_view path) {
  return path.substr(0, kFreezerMemberDir.size()) == kFreezerMemberDir;
}

// Modules the freezer adds to an app from vm/support/ (not the program's),
// each only to apps that need it (freezer/support_modules.cc):
// importlib.resources and importlib.metadata over the payload (vm/payload_views.cc);
inline constexpr std::string_view kResourcesSupportModule = "_freezer_resources";
// error printers showing bundled sources, --include-source (vm/source_hooks.cc).
inline constexpr std::string_view kSourceHooksSupportModule = "_freezer_source_hooks";
// multiprocessing's helper processes, when multiprocessing.spawn is bundled
// (vm/child_process_modes.cc).
inline constexpr std::string_view kMultiprocessingSupportModule = "_freezer_multiprocessing";

}  // namespace payload
