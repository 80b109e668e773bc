#include "freezer/native/binary_module_names.h"

#include <set>

namespace freezer {

namespace {

bool IdentifierByte(unsigned char c, bool first) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (!first && c >= '0' && c <= '9');
}

// Dotted identifiers, but a first part may start with a digit: mypyc's
// runtime is "<hex hash>__mypyc".
bool ModuleShaped(std::string_view s) {
  if (s.size() < 2 || s.size() > 128) return false;
  bool part_start = true, first_part = true;
  for (unsigned char c : s) {
    if (c == '.') {
      if (part_start) return false;
      part_start = true;
      first_part = false;
      continue;
    }
    if (!IdentifierByte(c, part_start && !first_part)) return false;
    part_start = false;
  }
  return !part_start;
}

// "pkg.__init__", "__main__": file names, never what an import names.
bool SpecialPart(std::string_view s) {
  size_t start = 0;
  while (start <= s.size()) {
    size_t dot = s.find('.', start);
    std::string_view part = s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (part == "__init__" || part == "__main__") return true;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return false;
}

}  // namespace

std::vector<std::string> ModuleNamesInBinary(std::string_view binary) {
  std::vector<std::string> names;
  std::set<std::string_view> seen;
  size_t start = 0;
  // C string tables end names with NUL; mypyc packs its literals as
  // length-prefixed runs ("\x08argparse\x04json"): any control byte ends one.
  for (size_t i = 0; i < binary.size(); ++i) {
    if (static_cast<unsigned char>(binary[i]) >= 0x20) continue;
    std::string_view s = binary.substr(start, i - start);
    start = i + 1;
    if (ModuleShaped(s) && !SpecialPart(s) && seen.insert(s).second) names.emplace_back(s);
  }
  return names;
}

}  // namespace freezer
