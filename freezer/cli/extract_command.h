// `freezer extract APP DIR`: writes every entry out in its package layout
// (modules as pkg/mod.pyc, usable with sys.path = [DIR]), never outside DIR
// and never through a symlink.
#pragma once

#include <CLI/CLI.hpp>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace freezer {

struct ExtractOptions {
  std::string app;
  std::string dir;
  bool force = false;
};

std::shared_ptr<ExtractOptions> SetupExtract(CLI::App& app);
int RunExtract(const ExtractOptions& options);

// A relative path that stays below the directory it is joined to: not empty,
// no leading '/', no empty, "." or ".." component, no NUL or backslash.
bool IsSafeRelativePath(std::string_view path);

// Extracts `app` into `dir` (created when missing; must be empty unless
// `force`). `count` gets the number of files written.
bool ExtractApp(const std::string& app, const std::string& dir, bool force, size_t* count,
                std::string* err);

}  // namespace freezer
