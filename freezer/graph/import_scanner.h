// Finds the imports a code object performs by reading its bytecode (the
// IMPORT_NAME instructions with their level and fromlist operands), not its
// text. Needs the embedded CPython of the freezer (python_runtime.h).
#pragma once

#include <Python.h>

#include <string>
#include <vector>

namespace freezer {

struct ImportRef {
  std::string name;                   // as written: "a.b", "" for "from . import x"
  int level = 0;                      // leading dots of a relative import
  std::vector<std::string> fromlist;  // names after "import" in "from x import ..."
  // Inside a function ("delayed": runs when the function is called),
  // guarded (below) or under a platform test: the program may well run
  // without it. An import at module level under any other handler (except
  // OSError, a `with`) is not: it runs, and a failure ends the program.
  bool conditional = false;
  // Under a `try` whose handler catches ImportError (ImportError,
  // ModuleNotFoundError, Exception, BaseException or a bare except, also
  // through enclosing tries) or in `with suppress(ImportError):`: the
  // program is written to run without it.
  bool guarded = false;
  // Under a test for another platform (sys.platform == "win32", os.name ==
  // "nt", TYPE_CHECKING, ...) or for another Python (`if PY2:`, `if not
  // six.PY3:`, `sys.version_info < (3,)` and any sys.version_info test
  // false on this interpreter, the else of one that is true): dead code
  // here, so not followed.
  bool platform = false;
  // The function it is in (co_qualname: "main", "Cls.run"); "" at module
  // level. An --entry function's imports run at start-up.
  std::string function;
  // In an `except ImportError:` (or ModuleNotFoundError) block whose `try`
  // body imports: indices (in the same vector) of those imports. Such a
  // fallback runs only when one of them fails, so it is needed only when one
  // of them is missing or may fail to load (an extension module). Handlers
  // of other exceptions (KeyboardInterrupt, OSError, bare except) are not
  // fallbacks: their imports are followed as conditional ones.
  std::vector<size_t> alternative_to;
  // In a function that only this module's `if __name__ == "__main__":`
  // block calls (a self-test or CLI of a library module).
  bool main_only = false;
  // A name read out of an extension's binary (freezer/native/
  // binary_module_names.h): followed when such a module exists, and never
  // reported missing (most such strings are not imports at all).
  bool only_if_found = false;
  // import_module("pkg.sub." + name), __import__("pkg.%s" % name): `name`
  // is the constant prefix's package ("pkg.sub"), bundled with every module
  // below it.
  bool package_tree = false;
  // Named after "-m" ([sys.executable, "-m", "json.tool"]): the module a
  // python child of the app runs (also only_if_found). Followed from the
  // program's code, and from a library's only within its own top-level
  // package or the standard library (venv's `-m pip` brings no pip).
  bool child_main = false;
  // A module-shaped constant passed first to a call of a function named
  // `via` (warnings_helper.import_deprecated("asyncore")): an import only
  // where a module the caller imports defines `via` as an import forwarder
  // (import_forwarders.h), and then only if found. Empty for other refs.
  std::string via;
  int line = 0;
};

// Imports under `if __name__ == "__main__":` of a module other than the
// entry are left out: they run only when that module is the program. Those
// of functions only that block calls are kept, marked main_only: whether
// another module calls them is for the graph to judge.
// Appends every import of `code` and of the code objects nested in it.
void ScanImports(PyObject* code, bool is_entry, std::vector<ImportRef>* out);

// String constants of `code` (nested code and constant tuples included)
// shaped like dotted module names with at least one dot ("pkg.lexers.python";
// "pkg.dialects:sqlite" gives "pkg.dialects"): registries that name the
// modules a package imports by name (pygments' mappings, SQLAlchemy's
// preloaded modules). The graph follows those of the module's own package.
void ScanModuleNameStrings(PyObject* code, std::vector<std::string>* out);

// Identifier-shaped string constants of `code` (nested code and constant
// tuples included): the names a registry lists (PIL's _plugins,
// "BmpImagePlugin", ...), for a computed import's constant prefix.
void ScanIdentifierStrings(PyObject* code, std::vector<std::string>* out);

// Whether `code` (nested code included) names `__file__` (its own, or a
// module's attribute): code that builds paths next to itself.
bool NamesDunderFile(PyObject* code);

// Whether `code` (or code nested in it) names _imp's
// _override_frozen_modules_for_tests, which turns frozen modules off for the
// imports that follow (test.support.import_helper.import_fresh_module): the
// stdlib modules libpython carries frozen must then be importable unfrozen.
bool TurnsFrozenModulesOff(PyObject* code);

// String constants of `code` (nested code included) that could name a codec
// ("utf-8", "latin-1", "idna", "shift_jis"...): short, letters, digits and
// -_. only. Codecs are looked up by name at run time; naming one in code is
// how a program asks for it.
void ScanCodecNames(PyObject* code, std::vector<std::string>* out);

}  // namespace freezer
