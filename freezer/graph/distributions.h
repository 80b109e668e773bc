// The installed distributions (*.dist-info, *.egg-info) of the search path's
// directories, as far as discovery needs them: which top-level modules each
// provides, which distributions it requires, and the entry points it
// declares. Read through Disk, so tests use in-memory trees.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "freezer/disk.h"

namespace freezer {

struct EntryPoint {
  std::string group;   // "flake8.extension"
  std::string name;    // "F"
  std::string module;  // "flake8.plugins.pyflakes"
};

struct Distribution {
  std::string name;                      // normalised: lower case, '-' and '.' as '_'
  std::string metadata_dir;              // the .dist-info / .egg-info directory
  std::string version;                   // the Version: header ("2022.7.1"); "" when unreadable
  std::vector<std::string> top_levels;   // top_level.txt (or the name itself)
  std::vector<std::string> requires_;    // normalised names, extras left out
  std::vector<EntryPoint> entry_points;  // entry_points.txt
};

// "Typing-Extensions" -> "typing_extensions".
std::string NormalisedDistributionName(const std::string& name);

class Distributions {
 public:
  // Reads the metadata directories directly in each of `dirs`.
  Distributions(Disk* disk, const std::vector<std::string>& dirs);

  // The distribution providing top-level module `top`; nullptr when none does.
  const Distribution* Providing(const std::string& top) const;
  // By normalised name; nullptr when not installed.
  const Distribution* Named(const std::string& name) const;
  const std::vector<Distribution>& all() const { return all_; }

 private:
  std::vector<Distribution> all_;
  std::map<std::string, size_t> by_top_, by_name_;
};

}  // namespace freezer
