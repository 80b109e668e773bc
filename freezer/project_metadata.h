// The project's own distribution metadata: an app built from a
// pyproject.toml project that is not installed still answers
// importlib.metadata.version("my-project"), as the installed project would.
// Its .dist-info is made from [project]: name, version, entry points,
// dependencies (PEP 621 to the core metadata fields importlib reads).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "archive/payload_writer.h"

namespace freezer {

struct ProjectMetadata {
  std::string name;     // [project] name, as written ("todo-app")
  std::string version;  // [project] version; "" when dynamic: nothing is made
  std::vector<std::pair<std::string, std::string>> scripts;  // [project.scripts]
  std::vector<std::pair<std::string, std::string>> gui_scripts;
  // [project.entry-points.GROUP]: (group, "name = target") lines.
  std::vector<std::pair<std::string, std::string>> entry_points;
  std::vector<std::string> dependencies;  // PEP 508 strings
  std::string requires_python;
};

// "todo_app-0.3.dist-info/METADATA" and entry_points.txt, unless `entries`
// already hold that project's metadata (it is installed on the search path).
void AddProjectMetadata(const ProjectMetadata& project, std::vector<payload::PayloadEntry>* entries);

}  // namespace freezer
