#include "freezer/cli/build_flags.h"

#include <CLI/CLI.hpp>

#include <set>

#include "freezer/disk.h"

namespace freezer {

namespace {

using T = BuildFlag::Type;
using B = BuildOptions;

constexpr const char* kEntryGroup = "Entry (one of SCRIPT, -m, --entry) and output";
constexpr const char* kFinding = "Finding modules";
constexpr const char* kBundle = "What to bundle";
constexpr const char* kBytecode = "Bytecode and size";
constexpr const char* kRunTime = "Baked into the app (run time)";
constexpr const char* kReports = "Reports and messages";

// The table. CLI11 shows the groups in the order of their first option.
const std::vector<BuildFlag> kFlags = {
      {"script", "", T::kPath, "SCRIPT", "", "Entry script (like `python3.11 SCRIPT`)", "", "",
       false, &B::script},
      {"", "entry", T::kEntry, "", "", "", "\"app.py\"",
       "app.py, MODULE, MODULE:FUNCTION or a [project.scripts] name"},
      {"-m,--module", "", T::kString, "MODULE", kEntryGroup,
       "Run MODULE as __main__ (like `python3.11 -m MODULE`)", "", "", false, &B::module},
      {"--entry", "", T::kString, "MODULE:FUNCTION", kEntryGroup,
       "Call MODULE:FUNCTION and exit with its result (console-script style)", "", "", false,
       &B::function},
      {"-o,--output", "output", T::kPath, "FILE", kEntryGroup,
       "Output executable; missing directories are created (default: dist/NAME, NAME the "
       "[project.scripts] name, the script's stem or the top-level package)", "\"dist/app\"",
       "the executable written", false, &B::output},
      {"--stub", "stub", T::kPath, "FILE", kEntryGroup,
       "Stub executable to append the payload to (default: the one installed beside freezer)",
       "\"\"", "stub executable; \"\" is the one installed with freezer", false, &B::stub},
      {"--path", "paths", T::kPaths, "DIR", kFinding,
       "Directory searched for modules after the script's own (repeatable)", "[]",
       "directories searched for modules after the entry's own", true, nullptr, &B::paths},
      {"--venv", "venv", T::kPath, "DIR", kFinding,
       "A virtual environment whose site-packages is searched after --path", "\"\"",
       "a virtual environment whose site-packages is searched", true, &B::venv},
      {"--cache-dir", "cache-dir", T::kPath, "DIR", kBytecode,
       "Bytecode cache (default: $XDG_CACHE_HOME/freezer)", "\"\"",
       "bytecode cache; \"\" is $XDG_CACHE_HOME/freezer", false, &B::cache_dir},
      {"--no-cache", "no-cache", T::kBool, "", kBytecode,
       "Compile everything in memory; read and write no cache", "false",
       "compile everything in memory", false, nullptr, nullptr, &B::no_cache},
      {"--hash-based", "hash-based", T::kBool, "", kBytecode,
       "Validate cached bytecode by source hash instead of mtime and size", "false",
       "validate cached bytecode by source hash", false, nullptr, nullptr, &B::hash_based},
      {"--hidden-import", "hidden-imports", T::kStrings, "MODULE", kBundle,
       "Also bundle MODULE; a glob ('pkg.plugins.*') bundles every module below that matches (repeatable)",
       "[]", "modules no import statement names (globs: \"pkg.plugins.*\")", true, nullptr,
       &B::hidden_imports},
      {"--exclude-module", "exclude-modules", T::kStrings, "MODULE", kBundle,
       "Never bundle MODULE or its submodules (repeatable)", "[]", "modules never bundled", true,
       nullptr, &B::excludes},
      {"--force", "force", T::kBool, "", kBundle,
       "Let --exclude-module leave out a module that a top-level import run at start-up needs",
       "false", "exclude modules even when a top-level import run at start-up needs them", false,
       nullptr, nullptr, &B::force},
      {"--include-package", "include-packages", T::kStrings, "PACKAGE", kBundle,
       "Bundle PACKAGE and every module below it (repeatable)", "[]",
       "packages bundled with every module below them", false, nullptr, &B::include_packages},
      {"--include-distribution", "include-distributions", T::kStrings, "NAME", kBundle,
       "Bundle every module of the installed distribution NAME, and its metadata (repeatable)", "[]",
       "installed distributions bundled whole", false, nullptr, &B::include_distributions},
      {"--add-data", "add-data", T::kAddData, "SRC:DEST", kBundle,
       "Bundle SRC (a file or a directory) under DEST in the app, as SRC:DEST (repeatable)", "[]",
       "\"SRC:DEST\": files or directories bundled", false, nullptr, &B::add_data},
      {"--extract-package", "extract-packages", T::kStrings, "PACKAGE", kRunTime,
       "At run time, write PACKAGE's files to the private cache and point its __file__ there, "
       "for code that opens files next to __file__ (repeatable)",
       "[]", "packages written to disk at run time (code that opens files next to __file__)",
       false, nullptr, &B::extract_packages},
      {"--rules", "rule-dirs", T::kPaths, "DIR", kBundle,
       "Package rules: every DIR/*.toml, over the shipped rules of the same name (repeatable; "
       "format: docs/package-rules.md)",
       "[]", "directories of package rules (*.toml) used over the shipped ones", true, nullptr,
       &B::rule_dirs},
      {"--without-rule", "without-rules", T::kStrings, "NAME", kBundle,
       "Do not use the package rule NAME (repeatable)", "[]", "package rules not used", true, nullptr,
       &B::without_rules},
      {"--glibc-floor", "glibc-floor", T::kString, "VERSION", kBundle,
       "Oldest glibc the app must run on: bundled libraries' needs of newer glibc symbol versions "
       "are lowered (the same function at an older version, or the stub's polyfill), else the build "
       "fails listing them (default: the stub's floor, 2.17, and what cannot be lowered is a warning)",
       "\"\"", "oldest glibc the app runs on (\"2.17\"); \"\" is the stub's, with warnings only",
       false, &B::glibc_floor},
      {"--native-load", "native-load", T::kString, "MODE", kRunTime,
       "Where the app loads extension modules and shared libraries from: cache (default: a "
       "per-user cache on disk, each file written once by its SHA-256 and shared by every process "
       "and app that bundles it; memory when no private cache can be had) or memory (sealed "
       "memfds in each process, nothing written to disk)",
       "\"cache\"", "\"cache\" (shared per-user cache on disk) or \"memory\" (memfds, nothing on disk)",
       false, &B::native_load},
      {"--include-source", "include-source", T::kBool, "", kBundle,
       "Bundle sources too: tracebacks and inspect show source lines", "false",
       "tracebacks show source lines", false, nullptr, nullptr, &B::include_source},
      {"--compress", "compress", T::kBool, "", kBytecode,
       "Deflate entries (smaller file, slightly slower imports)", "false",
       "deflate entries: smaller, slightly slower imports", false, nullptr, nullptr, &B::compress},
      {"--store-bytecode", "store-bytecode", T::kBool, "", kBytecode,
       "Store all bytecode uncompressed (default: modules that start-up does not import, such as "
       "those only functions import, are zstd-compressed)", "false",
       "all bytecode stored uncompressed; by default what start-up does not import is compressed", false,
       nullptr, nullptr, &B::store_bytecode},
      {"--strict", "strict", T::kBool, "", kBundle,
       "Fail when an unconditional import is not found or a bundled module does not compile",
       "false", "unconditional imports not found, and modules that do not compile, are errors", false, nullptr, nullptr, &B::strict},
      {"--optimize", "optimize", T::kOptimize, "LEVEL", kBytecode,
       "Bytecode optimisation level (like -O/-OO)", "0",
       "bytecode optimisation level, 0, 1 or 2 (-O, -OO)", false, nullptr, nullptr, nullptr,
       &B::optimize},
      {"--unbuffered", "unbuffered", T::kBool, "", kRunTime,
       "Unbuffered stdout/stderr at run time (like python -u)", "false",
       "unbuffered stdout/stderr (python -u)", false, nullptr, nullptr, &B::unbuffered},
      {"--no-child-modes", "no-child-modes", T::kBool, "", kRunTime,
       "Never run as a multiprocessing child: every command line is the app's own (for apps "
       "that start no child processes with multiprocessing)",
       "false", "never run as a multiprocessing child; every argv is the app's own", false,
       nullptr, nullptr, &B::no_child_modes},
      {"--no-python-children", "no-python-children", T::kBool, "", kRunTime,
       "Never run as a Python for the app's own children: `sys.executable -c CODE`, `-m MOD`, "
       "`script.py` started by the app get the app's own argv",
       "false", "sys.executable is never a Python for the app's children; every argv is the app's own",
       false, nullptr, nullptr, &B::no_python_children},
      {"--xoption", "xoptions", T::kStrings, "K[=V]", kRunTime,
       "Interpreter -X option K[=V] baked into the app (repeatable)", "[]",
       "interpreter -X options, \"K\" or \"K=V\"", false, nullptr, &B::xoptions},
      {"--warnings", "warnings", T::kStrings, "SPEC", kRunTime,
       "Warning filter baked into the app, like -W (repeatable)", "[]",
       "warning filters (python -W)", false, nullptr, &B::warnings},
      {"--allow-env", "allow-env", T::kStrings, "NAME", kRunTime,
       "Honour this PYTHON* variable at run time, as python would (repeatable)", "[]",
       "PYTHON* variables honoured at run time", false, nullptr, &B::allow_env},
      {"--debug-imports", "debug-imports", T::kBool, "", kRunTime,
       "The app prints each import to stderr as python -v does, with the payload member, memfd or "
       "cache file it came from (what PyInstaller calls debug=imports)",
       "false", "the app prints each import and where it came from (python -v)", false, nullptr, nullptr,
       &B::debug_imports},
      {"--report", "report", T::kPath, "FILE.json", kReports,
       "Write the module graph (modules, edges, missing imports, time per phase) as JSON, or as "
       "`freezer report`'s page with the build's times when FILE ends in .html", "\"\"",
       "also write the module graph as JSON here", false, &B::report},
      {"--check-reproducible", "check-reproducible", T::kBool, "", kReports,
       "Build a second time without the bytecode cache and fail unless both outputs are identical",
       "false", "build twice (the second without the cache) and fail unless identical", false,
       nullptr, nullptr, &B::check_reproducible},
      {"-q,--quiet", "", T::kBool, "", kReports, "Only warnings and errors", "", "", false, nullptr,
       nullptr, &B::quiet},
      {"-v,--verbose", "", T::kBool, "", kReports,
       "List every bundled module and every optional import not found", "", "", false, nullptr,
       nullptr, &B::verbose},
};

}  // namespace

std::string BuildFlag::Name() const {
  std::string f = flags;
  size_t comma = f.find(',');
  return comma == std::string::npos ? f : f.substr(comma + 1);
}

const std::vector<BuildFlag>& BuildFlags() { return kFlags; }

std::vector<std::pair<std::string, std::string>> ShownOptions(const BuildOptions& o, const std::string& cwd) {
  static const std::set<std::string> kNotShown = {"--output", "--stub", "--cache-dir", "--report", "--quiet",
                                                  "--verbose", "--check-reproducible", "--no-cache"};
  auto relative = [&](const std::string& path) {
    return !cwd.empty() && path.rfind(cwd + "/", 0) == 0 ? path.substr(cwd.size() + 1) : path;
  };
  const BuildOptions defaults;
  std::vector<std::pair<std::string, std::string>> out;
  for (const BuildFlag& f : BuildFlags()) {
    std::string name = f.Name();
    if (!*f.flags || kNotShown.count(name)) continue;
    bool path = f.type == BuildFlag::Type::kPath || f.type == BuildFlag::Type::kPaths;
    if (name == "script") {
      if (!o.script.empty()) out.emplace_back("SCRIPT", Basename(o.script));
    } else if (f.flag_value) {
      if (o.*f.flag_value) out.emplace_back(name, "");
    } else if (f.list) {
      for (const auto& v : o.*f.list) {
        size_t colon = v.rfind(':');  // --add-data SRC:DEST: SRC is the path
        out.emplace_back(name, path ? relative(v)
                               : f.type == BuildFlag::Type::kAddData && colon != std::string::npos
                                   ? relative(v.substr(0, colon)) + v.substr(colon)
                                   : v);
      }
    } else if (f.number) {
      if (o.*f.number != defaults.*f.number) out.emplace_back(name, std::to_string(o.*f.number));
    } else if (f.text && !(o.*f.text).empty()) {
      out.emplace_back(name, path ? relative(o.*f.text) : o.*f.text);
    }
  }
  return out;
}

void AddBuildFlags(CLI::App* cmd, BuildOptions* o, bool why_only) {
  for (const BuildFlag& f : BuildFlags()) {
    if (!*f.flags || (why_only && !f.why)) continue;
    std::string help = why_only ? "As for build (scripts only)" : f.help;
    CLI::Option* opt;
    if (f.flag_value) opt = cmd->add_flag(f.flags, o->*f.flag_value, help);
    else if (f.list) opt = cmd->add_option(f.flags, o->*f.list, help);
    else if (f.number) opt = cmd->add_option(f.flags, o->*f.number, help)->check(CLI::Range(0, 2));
    else opt = cmd->add_option(f.flags, o->*f.text, help);
    if (*f.value) opt->type_name(f.value);
    if (*f.group && !why_only) opt->group(f.group);
  }
}

}  // namespace freezer
