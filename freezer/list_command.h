// `freezer list APP`: what a frozen executable carries.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

namespace freezer {

struct ListOptions {
  std::string app;
  bool json = false;
};

std::shared_ptr<ListOptions> SetupList(CLI::App& app);
int RunList(const ListOptions& options);

}  // namespace freezer
