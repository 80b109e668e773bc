// A package rule: what a package needs that no scan of its code can see
// (modules it picks at run time from configuration, files it opens outside
// its directory, environment it expects, imports that only bloat an app).
// Read from TOML files (freezer/rules/rule_file.h, format in
// docs/package-rules.md); applied by the build (freezer/build_rules.cc) when
// a module of `package` is bundled.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace freezer {

// A file or directory bundled as data.
struct RuleData {
  std::string source;              // absolute, or relative to the package's directory
  std::string dest;                // where in the app ("pytz/zoneinfo"); default: <package>/<basename>
  std::vector<std::string> skip;   // names (globs) left out while walking a directory
  bool on_disk = false;            // also written to the private cache at start, for code that opens it by path
};

// A text replacement in one module's source before it is compiled, for a
// path the package hardcodes. The build fails when `old` is not found (the
// package changed: the rule must be looked at).
struct RuleEdit {
  std::string module;
  std::string old_text;
  std::string new_text;
};

// A project's settings module, read (parsed, never run) at build time: the
// modules its attributes name are bundled (Django's INSTALLED_APPS).
struct RuleSettings {
  // The variable that names the module: its value in the build's
  // environment, or a string the program's own code pairs with it
  // (os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")).
  std::string module_named_by;
  // Attribute -> what each dotted string in its value bundles: kModule the
  // longest prefix that is a module, kTree the longest prefix that is a
  // package, whole (tests left out). Strings naming nothing are skipped.
  enum class Bundle { kModule, kTree };
  std::vector<std::pair<std::string, Bundle>> attributes;
};

struct PackageRule {
  std::string name;     // the file's name without .toml, or the pyproject table's key
  std::string origin;   // "shipped rules/pytz.toml", "pyproject.toml:12": for messages and the app's graph
  std::string file;     // the rule file read ("" for a pyproject table): `freezer rules show` prints it
  std::string package;  // top-level module whose bundling makes the rule apply; default: name
  std::string note;     // said with -v and by `freezer rules`
  std::string version;  // a VersionRange (version_range.h) the package's distribution must be in; "" = any
  std::vector<std::string> hidden_imports;   // bundled when the rule applies; "pkg.*" = pkg and all below it
  std::vector<std::string> exclude_imports;  // imports by the package's own modules not followed
  std::vector<RuleData> data;
  std::vector<std::pair<std::string, std::string>> environment;  // set at start when unset; "{files}" = the on-disk files' directory
  std::vector<RuleEdit> edits;
  // Shared libraries the package dlopens by name (ctypes.CDLL("libmagic.so.1")):
  // found in the system's library directories, bundled with what they need,
  // and loaded at start so that a dlopen of the name finds them.
  std::vector<std::string> libraries;
  // The package reads the program's own packages' data by path (Django's
  // app template directories, jinja2's PackageLoader): those of them that
  // carry data go on disk at run time.
  bool program_data_on_disk = false;
  // The package reads its own data by path from code no bytecode scan sees
  // (mypyc-compiled modules): its data files go on disk at run time with its
  // modules' __file__ there, as for a package whose bytecode reads __file__.
  bool package_data_on_disk = false;
  RuleSettings settings;  // module_named_by empty: none
};

// Rules later in `rules` replace earlier ones of the same name (user rules
// over shipped ones).
std::vector<PackageRule> MergeRules(std::vector<PackageRule> shipped, std::vector<PackageRule> user);

}  // namespace freezer
