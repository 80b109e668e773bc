// `freezer list APP`: what a frozen executable carries.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

namespace freezer {

struct ListOptions {
  std::string app;
  bool json = false;
  std::vector<std::string> kinds;  // --kind: KindName values; empty = all
  std::vector<std::string> globs;  // positional or --name: fnmatch on the name
  std::string sort;                // "" (index order), "name", "size" (largest first)
};

std::shared_ptr<ListOptions> SetupList(CLI::App& app);
int RunList(const ListOptions& options);

}  // namespace freezer
