#include "freezer/graph/missing_imports.h"

#include <algorithm>
#include <map>
#include <set>

#include "freezer/graph/import_reach.h"

namespace freezer {

const char* MissingClassName(MissingModule::Class c) {
  switch (c) {
    case MissingModule::Class::kTopLevel: return "top-level";
    case MissingModule::Class::kDelayed: return "delayed";
    case MissingModule::Class::kGuarded: return "guarded";
    case MissingModule::Class::kOtherPlatform: return "other-platform";
  }
  return "?";
}

bool IsOtherPlatformModule(const std::string& name) {
  // Top-level names that CPython 3.11 on Linux does not have: Windows'
  // (sys.stdlib_module_names lists them for every platform), macOS',
  // Jython's, IronPython's, PyPy's, Pyodide's, VMS', OS/2's, and
  // Python 2's standard library (the other side of `try: import
  // cPickle` and of `if PY2:` code this scan does not recognise).
  static const std::set<std::string> kNames = {
      // Windows
      "nt", "msvcrt", "winreg", "_winreg", "_winapi", "_overlapped", "winsound", "_msi", "msilib",
      "_wmi", "win32api", "win32con", "win32com", "win32file", "win32pipe", "win32process",
      "win32event", "win32security", "win32console", "win32evtlog", "win32service", "winerror",
      "pywintypes", "pythoncom", "comtypes", "_win32typing", "wmi",
      // macOS (classic and OS X)
      "_scproxy", "MacOS", "Carbon", "Foundation", "AppKit", "objc", "macpath",
      // other interpreters and systems
      "java", "javax", "org", "clr", "System", "IronPython", "__pypy__", "_pypy_irc_topic", "js",
      "pyodide", "_pyodide", "_emscripten_info", "vms_lib", "os2", "ce", "riscos", "riscosenviron",
      "riscospath",
      // Python 2's standard library
      "__builtin__", "exceptions", "future_builtins", "urllib2", "urlparse", "httplib", "cookielib",
      "Cookie", "cPickle", "cStringIO", "StringIO", "Queue", "ConfigParser", "HTMLParser",
      "htmlentitydefs", "Tkinter", "tkMessageBox", "tkFileDialog", "ttk", "thread", "dummy_thread",
      "commands", "sets", "copy_reg", "xmlrpclib", "SimpleXMLRPCServer", "SocketServer",
      "BaseHTTPServer", "SimpleHTTPServer", "CGIHTTPServer", "anydbm", "dbhash", "whichdb",
      "dumbdbm", "UserDict", "UserList", "UserString", "md5", "sha", "popen2", "mimetools",
      "rfc822", "robotparser", "imputil", "new", "repr", "_dummy_thread", "dummy_threading",
  };
  std::string top = name.substr(0, name.find('.'));
  return kNames.count(top) > 0 || top.rfind("win32", 0) == 0 || top.rfind("_win32", 0) == 0;
}

std::string MissingFix(const std::string& name, const std::string& cls, const std::string& found) {
  if (cls == kExcludedClass) return "build without --exclude-module " + name;
  if (cls != "top-level" && cls != "delayed") return "";
  if (!found.empty()) return "--hidden-import " + name;
  return "not on the search path: install it in the --venv, or --path DIR of the directory that holds it";
}

std::vector<MissingModule> GroupMissing(const ModuleGraph& graph) {
  std::map<std::string, Reach> reach = ReachOf(graph);
  // An import is as sure as itself and the chain to its module: a top-level
  // import in a module only a function imports fails only when that runs.
  auto ClassOf = [&](const MissingImport& m) {
    auto r = reach.find(m.importer);
    int rank = std::max(!m.conditional ? 0 : m.guarded ? 2 : 1, r == reach.end() ? 1 : r->second.rank);
    return static_cast<MissingModule::Class>(rank);
  };
  std::map<std::string, MissingModule> by_name;
  for (const MissingImport& m : graph.missing()) {
    MissingModule& g = by_name[m.name];
    g.name = m.name;
    MissingModule::Class c = ClassOf(m);
    auto importer = graph.modules().find(m.importer);
    if (c != MissingModule::Class::kGuarded && importer != graph.modules().end() &&
        IsProgramCode(importer->second.path))
      g.own_code = true;
    // Most serious first: a top-level import before delayed ones before guarded ones.
    if (g.imports.empty() || c < g.cls) g.cls = c;
    g.imports.push_back(m);
  }
  std::vector<MissingModule> out;
  for (auto& [name, g] : by_name) {
    std::stable_partition(g.imports.begin(), g.imports.end(),
                          [&](const MissingImport& m) { return ClassOf(m) == g.cls; });
    std::set<std::string> importers;
    for (const MissingImport& m : g.imports) {
      if (ClassOf(m) != g.cls) break;
      ++g.count;
      importers.insert(m.importer);
    }
    g.importers = importers.size();
    // Another platform's module is dead code in libraries; the program's
    // own unguarded import of it still fails here.
    if (!g.own_code && IsOtherPlatformModule(name)) g.cls = MissingModule::Class::kOtherPlatform;
    out.push_back(std::move(g));
  }
  std::stable_sort(out.begin(), out.end(), [](const MissingModule& a, const MissingModule& b) {
    if (a.cls != b.cls) return a.cls < b.cls;
    return a.own_code > b.own_code;
  });
  return out;
}

}  // namespace freezer
