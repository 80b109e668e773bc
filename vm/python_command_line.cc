#include "vm/python_command_line.h"

#include <sys/stat.h>

#include <string_view>

namespace vm {

namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() > suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// python's short options (Modules/main.c's "bBc:dEhiIm:OPqRsStuvVW:xX:?"):
// flags may be clustered; an option taking a value ends the cluster (its
// value is the rest of the argument or the next one).
bool IsShortOptionCluster(std::string_view a) {
  if (a.size() < 2 || a[0] != '-' || a[1] == '-') return false;
  constexpr std::string_view kFlags = "bBdEhiIOPqRsStuvVx?";
  constexpr std::string_view kWithValue = "cmWX";
  for (size_t i = 1; i < a.size(); ++i) {
    if (kWithValue.find(a[i]) != std::string_view::npos) return true;
    if (kFlags.find(a[i]) == std::string_view::npos) return false;
  }
  return true;
}

}  // namespace

bool IsPythonCommandLine(const std::vector<std::string>& argv,
                         bool (*is_main_dir)(const std::string& path)) {
  if (argv.size() < 2) return false;
  std::string_view a = argv[1];
  if (a == "-") return true;
  for (std::string_view long_option : {"--help", "--version", "--check-hash-based-pycs",
                                       "--help-env", "--help-xoptions", "--help-all"})
    if (a == long_option || (long_option == "--check-hash-based-pycs" &&
                             a.substr(0, long_option.size() + 1) == "--check-hash-based-pycs="))
      return true;
  if (a[0] == '-') return IsShortOptionCluster(a);
  for (std::string_view ext : {".py", ".pyc", ".pyw", ".pyz", ".zip"})
    if (EndsWith(a, ext)) return true;
  return is_main_dir && is_main_dir(argv[1]);
}

bool IsDirectoryWithMain(const std::string& path) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return false;
  for (const char* name : {"/__main__.py", "/__main__.pyc"})
    if (stat((path + name).c_str(), &st) == 0 && S_ISREG(st.st_mode)) return true;
  return false;
}

}  // namespace vm
