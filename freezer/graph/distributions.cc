#include "freezer/graph/distributions.h"

#include <sstream>

#include "freezer/graph/requirement_marker.h"

namespace freezer {

namespace {

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() > suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string Trim(const std::string& s) {
  size_t a = s.find_first_not_of(" \t\r"), b = s.find_last_not_of(" \t\r");
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(Trim(line));
  return out;
}

// "typing-extensions (>=3.10)", "tomli>=1.1; python_version < '3.11'":
// the name, or "" for a requirement of an extra.
std::string RequirementName(const std::string& spec) {
  if (size_t semi = spec.find(';'); semi != std::string::npos && !MarkerMayHold(spec.substr(semi + 1)))
    return "";
  size_t end = spec.find_first_of(" (<>=!~;[");
  return NormalisedDistributionName(Trim(spec.substr(0, end)));
}

void ReadRequirements(Disk* disk, const std::string& dir, bool egg, Distribution* d) {
  std::string text, err;
  if (!egg) {
    if (!disk->ReadFile(JoinPath(dir, "METADATA"), &text, &err)) return;
    for (const auto& line : Lines(text)) {
      if (line.empty()) break;  // the headers end at the first blank line
      if (line.rfind("Requires-Dist:", 0) != 0) continue;
      if (std::string n = RequirementName(Trim(line.substr(14))); !n.empty()) d->requires_.push_back(n);
    }
    return;
  }
  if (!disk->ReadFile(JoinPath(dir, "requires.txt"), &text, &err)) return;
  for (const auto& line : Lines(text)) {
    if (!line.empty() && line[0] == '[') break;  // [extra] sections follow the unconditional ones
    if (std::string n = RequirementName(line); !n.empty()) d->requires_.push_back(n);
  }
}

// The Version: header of METADATA (PKG-INFO in an .egg-info directory).
void ReadVersion(Disk* disk, const std::string& dir, bool egg, Distribution* d) {
  std::string text, err;
  if (!disk->ReadFile(JoinPath(dir, egg ? "PKG-INFO" : "METADATA"), &text, &err)) return;
  for (const auto& line : Lines(text)) {
    if (line.empty()) break;
    if (line.rfind("Version:", 0) == 0) {
      d->version = Trim(line.substr(8));
      return;
    }
  }
}

void ReadEntryPoints(Disk* disk, const std::string& dir, Distribution* d) {
  std::string text, err;
  if (!disk->ReadFile(JoinPath(dir, "entry_points.txt"), &text, &err)) return;
  std::string group;
  for (const auto& line : Lines(text)) {
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    if (line[0] == '[') {
      group = Trim(line.substr(1, line.find(']') - 1));
      continue;
    }
    size_t eq = line.find('=');
    if (eq == std::string::npos || group.empty()) continue;
    std::string value = Trim(line.substr(eq + 1));
    value = Trim(value.substr(0, value.find_first_of(":[ ")));
    if (!value.empty()) d->entry_points.push_back({group, Trim(line.substr(0, eq)), value});
  }
}

}  // namespace

std::string NormalisedDistributionName(const std::string& name) {
  std::string out;
  for (char c : name) out += (c == '-' || c == '.') ? '_' : static_cast<char>(tolower(static_cast<unsigned char>(c)));
  return out;
}

Distributions::Distributions(Disk* disk, const std::vector<std::string>& dirs) {
  for (const auto& site : dirs) {
    std::vector<std::string> names;
    if (!disk->ListDir(site, &names)) continue;
    for (const auto& n : names) {
      bool egg = EndsWith(n, ".egg-info");
      if (!egg && !EndsWith(n, ".dist-info")) continue;
      std::string dir = JoinPath(site, n);
      if (disk->Stat(dir).type != FileInfo::Type::kDir) continue;
      Distribution d;
      d.name = NormalisedDistributionName(n.substr(0, n.find('-') == std::string::npos ? n.rfind('.') : n.find('-')));
      if (by_name_.count(d.name)) continue;  // the first on the search path wins
      d.metadata_dir = dir;
      std::string text, err;
      if (disk->ReadFile(JoinPath(dir, "top_level.txt"), &text, &err)) {
        for (const auto& line : Lines(text))
          if (!line.empty()) d.top_levels.push_back(line);
      }
      if (d.top_levels.empty()) d.top_levels.push_back(d.name);
      ReadRequirements(disk, dir, egg, &d);
      ReadVersion(disk, dir, egg, &d);
      ReadEntryPoints(disk, dir, &d);
      by_name_[d.name] = all_.size();
      for (const auto& t : d.top_levels) by_top_.emplace(t, all_.size());
      all_.push_back(std::move(d));
    }
  }
}

const Distribution* Distributions::Providing(const std::string& top) const {
  auto it = by_top_.find(top);
  return it == by_top_.end() ? nullptr : &all_[it->second];
}

const Distribution* Distributions::Named(const std::string& name) const {
  auto it = by_name_.find(name);
  return it == by_name_.end() ? nullptr : &all_[it->second];
}

}  // namespace freezer
