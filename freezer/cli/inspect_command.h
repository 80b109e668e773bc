// `freezer inspect APP [--json]`: what a frozen executable is: format and
// Python version, entry point and build options (from its boot manifest),
// sizes by kind, stub and payload sizes, the recorded digest.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace freezer {

struct InspectOptions {
  std::string app;
  bool json = false;
};

std::shared_ptr<InspectOptions> SetupInspect(CLI::App& app);
int RunInspect(const InspectOptions& options);

// The report RunInspect prints (JSON object or text), for `path`.
bool InspectApp(const std::string& path, bool json, std::string* out, std::string* err);

// "3.11" for a pyc magic of CPython 3.11 (first 4 pyc bytes, little-endian:
// 0x0a0d0da7), nothing for magics this table does not know.
std::optional<std::string> PythonVersionOfMagic(uint32_t magic);

}  // namespace freezer
