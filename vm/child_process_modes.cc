#include "vm/child_process_modes.h"

#include <regex>

#include "vm/boot_trace.h"
#include "vm/payload_importer.h"

namespace vm {

namespace {

// The options subprocess._args_from_interpreter_flags() puts before -c.
// They restate the parent's sys.flags, which come from the same baked
// configuration the child has: recognised, then ignored.
bool IsInterpreterFlag(const std::vector<std::string>& argv, size_t* i) {
  static const std::regex kFlag("-(O|OO|d+|B|S|v+|b+|q|I|E|s|P|W.+)");
  static const std::regex kXValue("[A-Za-z_]+(=.*)?");
  const std::string& a = argv[*i];
  if (a == "-X") {
    if (*i + 1 >= argv.size() || !std::regex_match(argv[*i + 1], kXValue)) return false;
    ++*i;
    return true;
  }
  return std::regex_match(a, kFlag);
}

// Keyword arguments of spawn_main as spawn writes them: name=int|None.
const char* const kSpawnArg = "(tracker_fd|pipe_handle|parent_pid)=(\\d+|None)";

}  // namespace

ChildCommand RecogniseChildCommand(const std::vector<std::string>& argv) {
  ChildCommand c;
  if (argv.size() < 2) return c;
  // With sys.frozen set, spawn writes `app --multiprocessing-fork k=v...`
  // (spawn.get_command_line); freeze_support() would handle it on Windows
  // only, so the stub does.
  if (argv[1] == "--multiprocessing-fork") {
    static const std::regex kArg(kSpawnArg);
    std::string args;
    bool pipe_handle = false;
    for (size_t i = 2; i < argv.size(); ++i) {
      if (!std::regex_match(argv[i], kArg)) return c;
      pipe_handle = pipe_handle || argv[i].rfind("pipe_handle=", 0) == 0;
      args += (args.empty() ? "" : ", ") + argv[i];
    }
    if (!pipe_handle) return c;
    c.kind = ChildCommand::Kind::kSpawn;
    c.code = "from multiprocessing.spawn import spawn_main; spawn_main(" + args + ")";
    c.argv = argv;
    return c;
  }
  // python's shape: app [flags] -c CODE [--multiprocessing-fork]
  size_t i = 1;
  while (i < argv.size() && argv[i] != "-c") {
    if (!IsInterpreterFlag(argv, &i)) return c;
    ++i;
  }
  if (i + 1 >= argv.size()) return c;
  const std::string& code = argv[i + 1];
  std::vector<std::string> rest(argv.begin() + static_cast<long>(i) + 2, argv.end());
  static const std::regex kSpawn(std::string("from multiprocessing\\.spawn import spawn_main; "
                                             "spawn_main\\(") + kSpawnArg + "(, " + kSpawnArg + ")*\\)");
  static const std::regex kTracker("from multiprocessing\\.resource_tracker import main;main\\(\\d+\\)");
  static const std::regex kForkServer(
      "from multiprocessing\\.forkserver import main; main\\((\\d+), (\\d+), (.*), \\*\\*(\\{.*\\})\\)");
  std::smatch m;
  if (rest.size() == 1 && rest[0] == "--multiprocessing-fork" && std::regex_match(code, kSpawn)) {
    c.kind = ChildCommand::Kind::kSpawn;
    c.code = code;
  } else if (rest.empty() && std::regex_match(code, kTracker)) {
    c.kind = ChildCommand::Kind::kResourceTracker;
    c.code = code;
  } else if (rest.empty() && std::regex_match(code, m, kForkServer)) {
    // The preload list and the keyword dict are reprs of literals: parsed,
    // not evaluated, so this command line cannot run arbitrary code.
    auto quote = [](const std::string& s) {
      std::string q = "'";
      for (char ch : s) {
        if (ch == '\\' || ch == '\'') q += '\\';
        q += ch;
      }
      return q + "'";
    };
    c.kind = ChildCommand::Kind::kForkServer;
    c.code = "from ast import literal_eval as _le; from multiprocessing.forkserver import main; "
             "main(" + m[1].str() + ", " + m[2].str() + ", _le(" + quote(m[3].str()) +
             "), **_le(" + quote(m[4].str()) + "))";
  } else {
    return c;
  }
  // python -c gives sys.argv == ['-c', <what follows CODE>...].
  c.argv = {"-c"};
  c.argv.insert(c.argv.end(), rest.begin(), rest.end());
  return c;
}

std::vector<std::string> CurrentArgv() {
  std::vector<std::string> out;
  PyObject* argv = PySys_GetObject("argv");  // borrowed
  if (!argv || !PyList_Check(argv)) return out;
  for (Py_ssize_t i = 0; i < PyList_GET_SIZE(argv); ++i) {
    const char* s = PyUnicode_Check(PyList_GET_ITEM(argv, i))
                        ? PyUnicode_AsUTF8(PyList_GET_ITEM(argv, i)) : nullptr;
    if (!s) {  // surrogate-escaped bytes: not a command line multiprocessing writes
      PyErr_Clear();
      return {};
    }
    out.push_back(s);
  }
  return out;
}

namespace {

// spawn prepares a child's __main__ with runpy.run_path(<parent __file__>);
// for a frozen script that path is <app>/<script>, not a file. This runs the
// bundled code instead, exactly as run_path would (module __mp_main__).
const char kFixupMain[] = R"(
import sys, types, runpy
from multiprocessing import spawn

def _fixup_main_from_path(main_path, _original=spawn._fixup_main_from_path):
    if _main_code is None or main_path != _main_file:
        return _original(main_path)
    current_main = sys.modules['__main__']
    if getattr(current_main, '__file__', None) == main_path:
        return
    spawn.old_main_modules.append(current_main)
    main_module = types.ModuleType('__mp_main__')
    main_content = runpy._run_module_code(_main_code, None, '__mp_main__',
                                          pkg_name='', script_name=main_path)
    main_module.__dict__.update(main_content)
    sys.modules['__main__'] = sys.modules['__mp_main__'] = main_module

spawn._fixup_main_from_path = _fixup_main_from_path
)";

PyObject* InstallMainFixup(const payload::BootManifest& m, const std::string& app_path) {
  PyObject* globals = PyDict_New();
  if (!globals) return nullptr;
  PyObject* code = Py_None;
  Py_INCREF(code);
  std::string file;
  if (m.entry_kind == payload::BootManifest::EntryKind::kScript) {
    file = app_path + "/" + m.script_name;
    Py_DECREF(code);
    code = BundledModuleCode("__main__", file);
  }
  PyObject* file_obj = PyUnicode_DecodeFSDefault(file.c_str());
  PyObject* r = nullptr;
  if (code && file_obj && PyDict_SetItemString(globals, "_main_code", code) == 0 &&
      PyDict_SetItemString(globals, "_main_file", file_obj) == 0 &&
      PyDict_SetItemString(globals, "__builtins__", PyEval_GetBuiltins()) == 0)
    r = PyRun_String(kFixupMain, Py_file_input, globals, globals);
  Py_XDECREF(code);
  Py_XDECREF(file_obj);
  Py_DECREF(globals);
  return r;
}

PyObject* ToList(const std::vector<std::string>& v) {
  PyObject* list = PyList_New(0);
  for (const auto& s : v) {
    PyObject* item = list ? PyUnicode_DecodeFSDefault(s.c_str()) : nullptr;
    if (!item || PyList_Append(list, item) < 0) {
      Py_XDECREF(item);
      Py_XDECREF(list);
      return nullptr;
    }
    Py_DECREF(item);
  }
  return list;
}

}  // namespace

PyObject* RunChildCommand(const ChildCommand& command, const payload::BootManifest& m,
                          const std::string& app_path) {
  BootTrace("multiprocessing child: %s", command.code.c_str());
  PyObject* fixup = InstallMainFixup(m, app_path);
  if (!fixup) return nullptr;
  Py_DECREF(fixup);
  PyObject* argv = ToList(command.argv);
  if (!argv || PySys_SetObject("argv", argv) < 0) {
    Py_XDECREF(argv);
    return nullptr;
  }
  Py_DECREF(argv);
  // As `python -c`: the code runs in __main__, which has no __file__.
  PyObject* main = PyImport_AddModule("__main__");  // borrowed
  PyObject* globals = main ? PyModule_GetDict(main) : nullptr;
  if (!globals) return nullptr;
  return PyRun_String(command.code.c_str(), Py_file_input, globals, globals);
}

}  // namespace vm
