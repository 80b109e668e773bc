#include "archive/native_manifest.h"

#include <string_view>

namespace payload {

namespace {

std::vector<std::string> Split(std::string_view s, char sep) {
  std::vector<std::string> out;
  while (!s.empty()) {
    size_t at = s.find(sep);
    out.emplace_back(s.substr(0, at));
    if (at == std::string_view::npos) break;
    s.remove_prefix(at + 1);
  }
  return out;
}

}  // namespace

bool IsSha256Hex(const std::string& s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

std::string SerializeNativeManifest(const NativeManifest& m) {
  std::string out;
  if (!m.glibc_floor.empty())
    out += "glibc\t" + m.glibc_floor + "\t" + m.glibc_floor_file +
           (m.glibc_floor_symbol.empty() ? "" : "\t" + m.glibc_floor_symbol) + "\n";
  for (const auto& [ext, libs] : m.preload) {
    out += "ext\t" + ext + "\t";
    for (size_t i = 0; i < libs.size(); ++i) out += (i ? " " : "") + libs[i];
    out += "\n";
  }
  for (const auto& [file, hex] : m.sha256) out += "sha256\t" + file + "\t" + hex + "\n";
  if (m.load_memory) out += "load\tmemory\n";
  return out;
}

bool ParseNativeManifest(const std::string& text, NativeManifest* m, std::string* err) {
  *m = NativeManifest{};
  int line_no = 0;
  for (const std::string& line : Split(text, '\n')) {
    ++line_no;
    if (line.empty()) continue;
    std::vector<std::string> f = Split(line, '\t');
    if (f.size() == 2 && f[0] == "load") {
      if (f[1] != "memory" && f[1] != "cache") {
        *err = "native manifest: line " + std::to_string(line_no) + ": unknown load mode '" + f[1] + "'";
        return false;
      }
      m->load_memory = f[1] == "memory";
      continue;
    }
    if ((f.size() != 3 && !(f.size() == 4 && f[0] == "glibc")) || f[1].empty()) {
      *err = "native manifest: line " + std::to_string(line_no) + " is malformed";
      return false;
    }
    if (f[0] == "glibc") {
      m->glibc_floor = f[1];
      m->glibc_floor_file = f[2];
      if (f.size() == 4) m->glibc_floor_symbol = f[3];
    } else if (f[0] == "sha256") {
      if (!IsSha256Hex(f[2])) {
        *err = "native manifest: line " + std::to_string(line_no) + ": '" + f[2] + "' is no SHA-256";
        return false;
      }
      m->sha256[f[1]] = f[2];
    } else if (f[0] == "ext") {
      std::vector<std::string>& libs = m->preload[f[1]];
      for (auto& lib : Split(f[2], ' '))
        if (!lib.empty()) libs.push_back(lib);
    } else {
      *err = "native manifest: unknown record '" + f[0] + "'";
      return false;
    }
  }
  return true;
}

}  // namespace payload
