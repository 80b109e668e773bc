#include "freezer/project_metadata.h"

#include <cctype>

namespace freezer {

namespace {

// PEP 503 normalisation as wheel file names spell it: runs of -_. as "_", lower case.
std::string WheelName(const std::string& name) {
  std::string out;
  for (char c : name) {
    bool sep = c == '-' || c == '_' || c == '.';
    if (sep && !out.empty() && out.back() == '_') continue;
    out += sep ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace

void AddProjectMetadata(const ProjectMetadata& p, std::vector<payload::PayloadEntry>* entries) {
  if (p.name.empty() || p.version.empty()) return;
  std::string key = WheelName(p.name);
  for (const payload::PayloadEntry& e : *entries) {
    if (e.kind != payload::EntryKind::kMetadata) continue;
    std::string dir = e.name.substr(0, e.name.find('/'));
    if (WheelName(dir.substr(0, dir.find('-'))) == key) return;  // installed: its own metadata won
  }
  std::string dir = key + "-" + p.version + ".dist-info/";
  std::string metadata = "Metadata-Version: 2.1\nName: " + p.name + "\nVersion: " + p.version + "\n";
  if (!p.requires_python.empty()) metadata += "Requires-Python: " + p.requires_python + "\n";
  for (const std::string& d : p.dependencies) metadata += "Requires-Dist: " + d + "\n";
  payload::PayloadEntry m;
  m.name = dir + "METADATA";
  m.kind = payload::EntryKind::kMetadata;
  m.bytes = metadata;
  entries->push_back(std::move(m));
  std::string points;
  auto group = [&](const std::string& name, const std::vector<std::pair<std::string, std::string>>& items) {
    if (items.empty()) return;
    points += "[" + name + "]\n";
    for (const auto& [k, v] : items) points += k + " = " + v + "\n";
    points += "\n";
  };
  group("console_scripts", p.scripts);
  group("gui_scripts", p.gui_scripts);
  std::string last;
  for (const auto& [g, line] : p.entry_points) {
    if (g != last) points += (last.empty() ? "" : "\n") + std::string("[") + g + "]\n";
    points += line + "\n";
    last = g;
  }
  if (!points.empty()) {
    payload::PayloadEntry ep;
    ep.name = dir + "entry_points.txt";
    ep.kind = payload::EntryKind::kMetadata;
    ep.bytes = points;
    entries->push_back(std::move(ep));
  }
}

}  // namespace freezer
