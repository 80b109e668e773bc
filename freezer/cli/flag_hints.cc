#include "freezer/cli/flag_hints.h"

#include <CLI/CLI.hpp>

#include <map>

#include "freezer/closest_name.h"

namespace freezer {

namespace {

// PyInstaller's and Nuitka's flags (docs/coming-from-pyinstaller.md).
const std::map<std::string, const char*>& ForeignFlags() {
  static const std::map<std::string, const char*> hints = {
      {"--name", "the app is named by its output: -o dist/NAME (default: dist/ and the "
                 "[project.scripts] name, the script's stem or the top-level package)"},
      {"-n", "the app is named by its output: -o dist/NAME"},
      {"--onefile", "freezer always writes one file; leave it out"},
      {"-F", "freezer always writes one file; leave it out"},
      {"--onedir", "freezer writes one file only; `freezer extract APP DIR` writes its modules "
                   "in their package layout"},
      {"-D", "freezer writes one file only; `freezer extract APP DIR` writes its modules in "
             "their package layout"},
      {"--standalone", "every app is standalone (it needs only glibc); leave it out"},
      {"--output-filename", "use -o FILE"},
      {"--distpath", "use -o DIR/NAME"},
      {"--specpath", "options live in pyproject.toml's [tool.freezer] (`freezer init`)"},
      {"--workpath", "use --cache-dir DIR (the bytecode cache)"},
      {"--clean", "the bytecode cache follows CPython's pyc rules and is never stale; --no-cache "
                  "builds without it"},
      {"--log-level", "use -q (errors, and warnings about your own code) or -v (every module and "
                      "why it is bundled)"},
      {"--debug", "for --debug=imports use --debug-imports: the app then prints each import and where it came from"},
      {"--collect-all", "use --include-package PKG (its data and metadata come with it) or "
                        "--include-distribution NAME"},
      {"--collect-submodules", "use --include-package PKG, or --hidden-import 'PKG.*'"},
      {"--collect-data", "a bundled package's data files are bundled with it; --add-data SRC:DEST "
                         "for others"},
      {"--copy-metadata", "the metadata of every bundled distribution is bundled already; "
                          "--include-distribution NAME bundles a distribution nothing imports"},
      {"--strip", "not supported: extensions and libraries are bundled as installed, byte for "
                  "byte; --compress makes the app smaller"},
      {"--upx-dir", "not supported: the app maps its own file, so it cannot be packed; --compress "
                    "makes it smaller"},
      {"--noupx", "freezer never packs the app; leave it out"},
      {"--paths", "use --path DIR"},
      {"-p", "use --path DIR"},
      {"--add-binary", "extensions' shared libraries are found and bundled by themselves; a "
                       "library loaded by name goes in a package rule (docs/package-rules.md)"},
      {"--follow-imports", "imports are always followed; leave it out"},
      {"--include-module", "use --hidden-import MODULE"},
      {"--include-data-dir", "use --add-data DIR:DEST"},
      {"--include-data-files", "use --add-data FILE:DEST"},
      {"--include-package-data", "a bundled package's data files are bundled with it"},
      {"--nofollow-import-to", "use --exclude-module MODULE"},
      {"--python-flag", "use --unbuffered, --optimize N, --xoption K[=V] or --warnings SPEC"},
  };
  return hints;
}

std::string Hint(const std::string& word, const std::vector<std::string>& names) {
  std::string near = ClosestName(word, names);
  return near.empty() ? "" : "; did you mean '" + near + "'?";
}

// CLI11 2.1 has no get_subcommand_no_throw.
CLI::App* SubcommandNamed(CLI::App* app, const std::string& name) {
  for (CLI::App* sub : app->get_subcommands({}))
    if (sub->check_name(name)) return sub;
  return nullptr;
}

// Every name `cmd` takes ("--output", "-o").
std::vector<std::string> OptionNames(const CLI::App* cmd) {
  std::vector<std::string> names;
  for (const CLI::Option* opt : cmd->get_options()) {
    for (const auto& l : opt->get_lnames()) names.push_back("--" + l);
    for (const auto& s : opt->get_snames()) names.push_back("-" + s);
  }
  return names;
}

}  // namespace

const char* ForeignFlagHint(const std::string& flag) {
  auto it = ForeignFlags().find(flag);
  return it == ForeignFlags().end() ? nullptr : it->second;
}

bool CheckCommandLine(CLI::App& app, const std::vector<std::string>& args, std::string* err) {
  std::vector<std::string> subcommands;
  for (const CLI::App* sub : app.get_subcommands({})) subcommands.push_back(sub->get_name());
  // The subcommand is the first word that is not an option of freezer itself.
  size_t i = 0;
  while (i < args.size() && !args[i].empty() && args[i][0] == '-') {
    if (!app.get_option_no_throw(args[i].substr(0, args[i].find('=')))) {
      const char* foreign = ForeignFlagHint(args[i].substr(0, args[i].find('=')));
      *err = foreign ? args[i] + ": " + foreign + " (options go after the subcommand: freezer build ...)"
                     : "unknown option '" + args[i] + "' (options go after the subcommand: " +
                           "freezer build ...)";
      return false;
    }
    ++i;
  }
  if (i == args.size()) return true;  // `freezer`, `freezer --help`: CLI11 answers
  CLI::App* cmd = SubcommandNamed(&app, args[i]);
  if (!cmd) {
    *err = "unknown subcommand '" + args[i] + "'" + Hint(args[i], subcommands);
    if (err->find("did you mean") == std::string::npos) {
      *err += " (one of:";
      for (const auto& s : subcommands) *err += " " + s;
      *err += ")";
    }
    return false;
  }
  std::vector<std::string> names = OptionNames(cmd);
  for (++i; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") break;  // the rest are positionals
    if (a.size() < 2 || a[0] != '-') {
      if (CLI::App* sub = SubcommandNamed(cmd, a)) {  // `freezer rules show NAME`
        cmd = sub;
        names = OptionNames(cmd);
      }
      continue;
    }
    // "-ofile" and "-qv": CLI11's short forms; only the first letter is the option.
    std::string name = a[1] == '-' ? a.substr(0, a.find('=')) : a.substr(0, 2);
    if (const CLI::Option* opt = cmd->get_option_no_throw(name)) {
      // Its value is the next word unless given as --name=VALUE or -oVALUE.
      bool joined = a.find('=') != std::string::npos || (a[1] != '-' && a.size() > 2);
      if (opt->get_expected_min() > 0 && !joined) ++i;
      continue;
    }
    if (const char* foreign = ForeignFlagHint(name)) {
      *err = name + " is another bundler's flag: " + foreign;
      return false;
    }
    *err = "unknown option '" + name + "'" + Hint(name, names) + " (see `freezer " +
           (cmd->get_parent() && cmd->get_parent() != &app ? cmd->get_parent()->get_name() + " " : std::string()) +
           cmd->get_name() + " --help`)";
    return false;
  }
  return true;
}

}  // namespace freezer
