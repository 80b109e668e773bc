#include "freezer/package_sizes.h"

#include <algorithm>
#include <map>
#include <set>

#include "archive/member_paths.h"
#include "freezer/graph/import_reach.h"

namespace freezer {

namespace {

std::string TopOfModule(const std::string& name) { return name.substr(0, name.find('.')); }

// "pkg/sub/x.py" -> "pkg"; "six.py", "_cffi_backend.cpython-311-x86_64-linux-gnu.so" -> the module.
std::string TopOfPath(const std::string& path) {
  size_t slash = path.find('/');
  return slash != std::string::npos ? path.substr(0, slash) : path.substr(0, path.find('.'));
}

}  // namespace

std::vector<PackageSize> LargestPackages(const ModuleGraph& graph,
                                         const std::vector<payload::PayloadEntry>& entries,
                                         const NativeClosure& native, size_t count) {
  // Which packages each bundled library serves, through their extensions.
  std::map<std::string, std::set<std::string>> users;  // library archive path -> packages
  for (const auto& [name, m] : graph.modules()) {
    if (m.kind != Module::Kind::kExtension) continue;
    auto needs = native.needs.find(m.path);
    if (needs == native.needs.end()) continue;
    for (const auto& lib : needs->second) users[payload::SharedLibraryArchivePath(lib)].insert(TopOfModule(name));
  }
  std::map<std::string, uint64_t> bytes;
  for (const auto& e : entries) {
    if (payload::IsFreezerMember(e.name)) continue;
    switch (e.kind) {
      case payload::EntryKind::kModule:
      case payload::EntryKind::kPackage:
        bytes[TopOfModule(e.name)] += e.bytes.size();
        break;
      case payload::EntryKind::kSource:
      case payload::EntryKind::kData:
      case payload::EntryKind::kExtension:
        bytes[TopOfPath(e.name)] += e.bytes.size();
        break;
      case payload::EntryKind::kSharedLib:
        for (const auto& pkg : users[e.name]) bytes[pkg] += e.bytes.size();
        break;
      default:  // metadata, boot configuration: the freezer's or tiny
        break;
    }
  }
  std::map<std::string, Reach> reach = ReachOf(graph);
  std::vector<PackageSize> out;
  for (const auto& [name, size] : bytes) {
    if (!graph.modules().count(name)) continue;  // --add-data directories are no packages
    PackageSize p;
    p.name = name;
    p.bytes = size;
    if (auto r = reach.find(name); r != reach.end()) {
      p.importer = r->second.importer;
      p.imported = r->second.imported;
      p.root_reason = r->second.root_reason;
      p.how = ReachRankName(r->second.rank);
      // Back along the chain to the import where it turns optional.
      std::string at = name;
      for (int hops = 0; r->second.rank > 0 && hops < 1000; ++hops) {
        const Reach& step = reach.at(at);
        if (step.importer.empty()) break;
        auto before = reach.find(step.importer);
        if (before == reach.end() || before->second.rank < r->second.rank) {
          if (at != name) {
            p.optional_importer = step.importer;
            p.optional_imported = step.imported;
          }
          break;
        }
        at = step.importer;
      }
    } else {
      p.how = ReachRankName(1);
    }
    out.push_back(std::move(p));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const PackageSize& a, const PackageSize& b) { return a.bytes > b.bytes; });
  if (out.size() > count) out.resize(count);
  return out;
}

}  // namespace freezer
