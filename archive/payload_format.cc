#include "archive/payload_format.h"

#include <algorithm>

namespace payload {

std::string_view KindName(EntryKind k) {
  switch (k) {
    case EntryKind::kModule: return "module";
    case EntryKind::kPackage: return "package";
    case EntryKind::kSource: return "source";
    case EntryKind::kData: return "data";
    case EntryKind::kExtension: return "extension";
    case EntryKind::kSharedLib: return "shared-lib";
    case EntryKind::kMetadata: return "metadata";
    case EntryKind::kBootConfig: return "boot-config";
  }
  return "unknown";
}

std::string ArchivePathOf(EntryKind kind, std::string_view name) {
  std::string p(name);
  if (!IsModuleKind(kind)) return p;
  std::replace(p.begin(), p.end(), '.', '/');
  return p + (kind == EntryKind::kPackage ? "/__init__.pyc" : ".pyc");
}

bool IsRelativeArchivePath(std::string_view p) {
  if (p.empty() || p.find('\\') != p.npos || p.find('\0') != p.npos) return false;
  size_t start = 0;
  while (true) {
    size_t slash = p.find('/', start);
    std::string_view c = p.substr(start, slash == p.npos ? p.npos : slash - start);
    if (c.empty() || c == "." || c == "..") return false;
    if (slash == p.npos) return true;
    start = slash + 1;
  }
}

bool IsValidModuleName(std::string_view n) {
  if (n.empty()) return false;
  bool component_empty = true;
  for (char ch : n) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c == '.') {
      if (component_empty) return false;
      component_empty = true;
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '-' || c >= 0x80) {
      component_empty = false;
    } else {
      return false;
    }
  }
  return !component_empty;
}

}  // namespace payload
