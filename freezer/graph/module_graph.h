// Which modules a program needs: starting from the entry, every import found
// in the bytecode is resolved against the search path the way CPython's
// path finder would, compiled, and scanned in turn.
#pragma once

#include <map>
#include <set>
#include <memory>
#include <string>
#include <vector>

#include "freezer/disk.h"
#include "freezer/graph/distributions.h"
#include "freezer/graph/import_scanner.h"
#include "freezer/graph/pyc_cache.h"

namespace freezer {

struct Module {
  enum class Kind { kSource, kPackage, kNamespace, kExtension, kBuiltin, kFrozen, kMissing, kExcluded };
  std::string name;
  Kind kind = Kind::kMissing;
  std::string path;                       // the file on disk (or the dir of a namespace package)
  std::vector<std::string> package_dirs;  // packages: where their submodules are looked for
  std::string archive_path;               // "a/b.py", "a/b/__init__.py", "a/_x.abi3.so"
  std::string pyc;                        // compiled code (sources and packages)
  std::string source;                     // with include_source
  std::vector<std::string> imports;       // modules it imports (edges), resolved names
  // For each of `imports`, how its most direct import runs (ImportRank).
  std::map<std::string, int> import_rank;
  // Those of `imports` a statement of the module's body makes, guarded by
  // `except ImportError` or not (not fallbacks in such handlers): they run
  // whenever the module is imported and they can be found.
  std::set<std::string> body_imports;
  std::vector<ImportRef> refs;            // what its bytecode asks for
  std::vector<std::string> codec_names;   // string constants that may name codecs
  std::vector<std::string> name_strings;  // string constants shaped like dotted module names
  bool names_file = false;                // its code reads __file__
  bool frozen_off = false;                // its code turns frozen modules off
  std::vector<std::string> import_forwarders;  // its functions that import their argument
  // "path:line:col: message" when its source does not compile: it is
  // bundled as code raising that SyntaxError (CheckUncompilable decides
  // whether the build may go on).
  std::string syntax_error;
};

const char* ModuleKindName(Module::Kind k);

// A file of the interpreter's own library (not dist-packages, not the program).
bool IsInterpreterLibraryPath(const std::string& path);

// The program's own code: a file that is neither the interpreter's library
// nor an installed package (under site-packages or dist-packages).
bool IsProgramCode(const std::string& path);

// A package's test suite ("tests", "test", "testing"): left out of what
// discovery adds on its own (package trees, data of unimported subpackages).
inline bool IsTestSuiteName(const std::string& name) {
  return name == "tests" || name == "test" || name == "testing";
}

// A test suite that finds its modules by listing its own directory: a
// package named test or tests whose code reads __file__ (not "testing",
// which is usually a helper library, numpy.testing).
inline bool IsSelfListingTestSuite(const std::string& name, const Module& m) {
  std::string last = name.substr(name.rfind('.') + 1);  // npos + 1 == 0
  return m.kind == Module::Kind::kPackage && m.names_file && (last == "test" || last == "tests");
}

// How surely an import runs when its module does: 0 at top level, 1 not
// surely (in a function, or found by discovery), 2 under a handler of
// ImportError (a failure is expected and caught).
int ImportRank(const ImportRef& ref);

// An import that found nothing.
struct MissingImport {
  std::string name;
  std::string importer;  // module name
  std::string where;     // "path:line"
  bool conditional;      // not at top level: in a function or guarded
  bool guarded = false;  // under a handler of ImportError (ImportRef::guarded)
};

// A text replacement in a module's source before it is compiled (a package
// rule's [[replace]]); `origin` names the rule in messages.
struct SourceEdit {
  std::string old_text, new_text, origin;
};

// Imports that modules of `importer_package` make of `module` (or below it)
// are not followed (a package rule's exclude-imports).
struct ImportExclusion {
  std::string importer_package, module, origin;
};

struct GraphOptions {
  std::vector<std::string> search_path;  // the script's directory first
  bool include_source = false;
  std::vector<std::string> excludes;     // modules (and their submodules) left out
  std::map<std::string, std::vector<SourceEdit>> source_edits;  // module name -> edits
  std::vector<ImportExclusion> import_exclusions;
  // --entry MODULE:FUNCTION: the function's own imports run at start-up,
  // as top-level ones do.
  std::string entry_module, entry_function;
};

class ModuleGraph {
 public:
  ModuleGraph(Disk* disk, PycCache* cache, GraphOptions options);

  // The entry script, bundled as "__main__".
  bool AddScript(const std::string& path, std::string* err);
  // A module that must be bundled (hidden imports); an error when not found.
  bool AddModule(const std::string& name, std::string* err);
  // A module bundled when it can be found (`found` says), a root with
  // `reason`; only hard errors (syntax errors) fail.
  bool AddOptionalModule(const std::string& name, const std::string& reason, bool* found,
                         std::string* err, const std::string& cause = "");
  // A module whose source the freezer supplies (run-time support code).
  bool AddGeneratedModule(const std::string& name, const std::string& source, std::string* err);
  // The codecs named by string constants in bundled code ("latin-1",
  // "idna", ...), until no new one turns up.
  bool AddNamedCodecs(std::string* err);
  // A test suite (a package named test or tests) whose code reads
  // __file__ lists its own directory to find its modules (unittest's
  // discover(os.path.dirname(__file__)), test.support's load_package_tests):
  // its whole tree, as --include-package would add it, until none is new.
  bool AddSelfListingTestSuites(std::string* err);
  // A package and every module below it, each a root with `reason`.
  // With `skip_tests`, subpackages named tests/test/testing are left out
  // (for trees found by discovery, not asked for with --include-package).
  bool AddPackageTree(const std::string& name, const std::string& reason, std::string* err,
                      bool skip_tests = false, const std::string& cause = "");

  const std::map<std::string, Module>& modules() const { return modules_; }
  // What bundling started from, with why: ("__main__", "entry script"), ...
  const std::vector<std::pair<std::string, std::string>>& roots() const { return roots_; }
  // `cause`: the bundled module whose presence made `name` a root (the
  // importer of a computed name, the package a rule is for), so `why`
  // can continue the chain through it; "" for the program's own roots.
  // A module that is its own cause is bundled already: not a root.
  void AddRoot(const std::string& name, const std::string& reason, const std::string& cause = "") {
    if (cause == name) return;
    roots_.emplace_back(name, reason);
    if (!cause.empty()) root_causes_.emplace(name, cause);
  }
  // Root -> its cause (the first one given).
  const std::map<std::string, std::string>& root_causes() const { return root_causes_; }
  const std::vector<MissingImport>& missing() const { return missing_; }
  // Imports of modules --exclude-module left out (`name` the module asked for).
  const std::vector<MissingImport>& excluded_imports() const { return excluded_; }
  // Import problems that are not missing modules (e.g. relative imports
  // beyond the top-level package), as "path:line: message".
  const std::vector<std::string>& problems() const { return problems_; }
  // Imports not followed because of an ImportExclusion: "a.b -> c (origin)".
  const std::vector<std::string>& rule_excluded_imports() const { return rule_excluded_imports_; }
  // The search path's installed distributions, read on first use.
  const Distributions& distributions();

 private:
  // Finds, compiles and records `name` (and its parents); nullptr when it
  // cannot be found. `err` is set only for hard errors (syntax errors).
  Module* Resolve(const std::string& name, std::string* err);
  bool Locate(const std::string& name, const std::vector<std::string>& dirs, Module* m);
  bool Compile(Module* m, const std::string& code_filename, std::string* err);
  // Resolves every pending module's imports until nothing new turns up.
  bool Drain(std::string* err);
  // `only`: just those refs (calls of import forwarders); otherwise all
  // but such calls.
  bool ResolveRefs(const std::string& module_name, std::string* err,
                   const std::vector<size_t>* only = nullptr);
  bool AbsoluteTarget(const std::string& module_name, bool is_package, const ImportRef& ref,
                      const std::string& where, std::string* target);
  bool ProbeMayFind(const std::string& target);
  bool FollowFound(const std::string& module_name, const ImportRef& ref, const std::string& target,
                   const Module* found, std::vector<std::string>* edges, std::string* err);
  bool IsExcluded(const std::string& name) const;
  const ImportExclusion* ExclusionOf(const std::string& importer, const std::string& target) const;
  bool AddComputedImportTargets(const std::string& importer, const std::string& package,
                                std::string* err);
  Disk* disk_;
  PycCache* cache_;
  std::unique_ptr<Distributions> distributions_;
  GraphOptions options_;
  std::map<std::string, Module> modules_;
  std::vector<std::string> pending_;  // modules whose imports are not resolved yet
  std::vector<MissingImport> missing_;
  std::vector<MissingImport> excluded_;
  std::vector<std::string> problems_;
  std::vector<std::string> rule_excluded_imports_;
  std::vector<std::pair<std::string, std::string>> roots_;
  std::map<std::string, std::string> root_causes_;
  std::set<std::string> codec_scanned_;  // modules whose codec names are done
  std::set<std::string> listed_suites_;  // test suites whose trees are added
  std::map<std::string, std::vector<bool>> forwarded_done_;  // ForwardedImports' record
  // Modules resolved, and how many were when ForwardedImports last ran:
  // with none since, it has nothing new to find (Drain runs once per codec).
  size_t resolved_ = 0, resolved_at_forwarding_ = 0;
  // ProbeMayFind's answers for top-level names, for the search path they
  // were found on: name-like strings repeat across thousands of modules.
  std::map<std::string, bool> probed_tops_;
  std::vector<std::string> probed_path_;
};

}  // namespace freezer
