#include "freezer/graph/import_scanner.h"

#include <opcode.h>

#include "freezer/graph/python_runtime.h"  // PyRef

#include <cctype>
#include <utility>

namespace freezer {

namespace {

// A [start, end) byte range of co_code and the offset of its handler.
struct Handled {
  int start, end, target;
};

// CPython 3.11's varint-encoded exception table.
std::vector<Handled> HandledRanges(PyObject* code) {
  std::vector<Handled> ranges;
  PyObject* table = PyObject_GetAttrString(code, "co_exceptiontable");
  if (!table || !PyBytes_Check(table)) {
    Py_XDECREF(table);
    PyErr_Clear();
    return ranges;
  }
  const auto* p = reinterpret_cast<const unsigned char*>(PyBytes_AS_STRING(table));
  const auto* end = p + PyBytes_GET_SIZE(table);
  auto varint = [&](bool* ok) {
    if (p >= end) { *ok = false; return 0; }
    unsigned b = *p++;
    int value = b & 63;
    while ((b & 64) && p < end) {
      b = *p++;
      value = (value << 6) | (b & 63);
    }
    return value;
  };
  for (;;) {
    bool ok = true;
    int start = varint(&ok) * 2;
    int length = varint(&ok) * 2;
    int target = varint(&ok) * 2;
    varint(&ok);  // depth and lasti
    if (!ok) break;
    ranges.push_back({start, start + length, target});
  }
  Py_DECREF(table);
  return ranges;
}

// Platforms whose modules a Linux build never needs.
bool OtherPlatform(const std::string& s) {
  static const char* const kNames[] = {"win32", "cygwin", "msys", "darwin", "nt", "java", "os2",
                                       "riscos", "ce", "emscripten", "wasi", "ios", "android",
                                       "aix", "vxworks", "Windows", "Darwin", "Java"};
  for (const char* n : kNames)
    if (s == n) return true;
  return false;
}

// A name whose truth means "not this platform" or "only for type checkers".
bool PlatformFlagName(const std::string& n) {
  if (n == "TYPE_CHECKING" || n == "mswindows" || n == "_mswindows") return true;
  std::string upper;
  for (char c : n) upper += static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
  return upper.find("WINDOWS") != std::string::npos || upper.find("WIN32") != std::string::npos ||
         upper == "_MSWINDOWS" || upper == "IS_MAC" || upper == "_IS_MAC";
}

struct Instr {
  int op;
  long arg;
};

bool Covered(const std::vector<std::pair<int, int>>& ranges, int offset) {
  for (const auto& [s, e] : ranges)
    if (offset >= s && offset < e) return true;
  return false;
}

bool Covered(const std::vector<Handled>& ranges, int offset) {
  for (const auto& h : ranges)
    if (offset >= h.start && offset < h.end) return true;
  return false;
}

std::string Utf8(PyObject* s) {
  if (!s || !PyUnicode_Check(s)) return {};
  const char* c = PyUnicode_AsUTF8(s);
  if (!c) {
    PyErr_Clear();
    return {};
  }
  return c;
}

// Names loaded by a code object (LOAD_NAME/LOAD_GLOBAL), nested code included.
void LoadedNames(PyObject* code, std::vector<std::string>* out);

// The scan of one code object: walks its instructions once, keeping what the
// classification of an import needs (guards seen, handlers entered, the
// constants and names just loaded), then scans the code objects it holds.
class CodeScan {
 public:
  CodeScan(PyObject* code, bool in_function, bool is_entry, bool main_only,
           std::vector<ImportRef>* out)
      : code_(code), in_function_(in_function), is_entry_(is_entry), main_only_(main_only), out_(out) {
    bytes_ = PyCode_GetCode(reinterpret_cast<PyCodeObject*>(code));
    consts_ = PyObject_GetAttrString(code, "co_consts");
    names_ = PyObject_GetAttrString(code, "co_names");
  }
  ~CodeScan() {
    Py_XDECREF(bytes_);
    Py_XDECREF(consts_);
    Py_XDECREF(names_);
  }

  void Run() {
    if (!bytes_ || !consts_ || !names_ || !PyBytes_Check(bytes_) || !PyTuple_Check(consts_) ||
        !PyTuple_Check(names_)) {
      PyErr_Clear();
      return;
    }
    handled_ = HandledRanges(code_);
    WalkInstructions();
    ScanNested();
  }

 private:
  std::string NameAt(long ni) const {
    return ni >= 0 && ni < PyTuple_GET_SIZE(names_) ? Utf8(PyTuple_GET_ITEM(names_, ni)) : std::string();
  }
  std::string ConstStr(long ci) const {
    PyObject* c = ci >= 0 && ci < PyTuple_GET_SIZE(consts_) ? PyTuple_GET_ITEM(consts_, ci) : nullptr;
    return c && PyUnicode_Check(c) ? Utf8(c) : std::string();
  }
  int Line(int offset) const { return PyCode_Addr2Line(reinterpret_cast<PyCodeObject*>(code_), offset); }

  void WalkInstructions() {
    const auto* b = reinterpret_cast<const unsigned char*>(PyBytes_AS_STRING(bytes_));
    Py_ssize_t n = PyBytes_GET_SIZE(bytes_);
    long ext = 0;
    for (Py_ssize_t i = 0; i + 1 < n; i += 2) {
      int op = b[i];
      long arg = b[i + 1] | ext;
      if (op == EXTENDED_ARG) {
        ext = arg << 8;
        continue;
      }
      ext = 0;
      if (op != CACHE) Step(static_cast<int>(i), op, arg);
    }
  }

  void Step(int offset, int op, long arg) {
    TrackHandlers(offset, op, arg);
    if (op == POP_JUMP_FORWARD_IF_FALSE && !recent_.empty())
      ClassifyGuard({offset, offset + 2 + static_cast<int>(arg) * 2});
    recent_.push_back({op, arg});
    if (recent_.size() > 4) recent_.erase(recent_.begin());
    if (!in_function_ && (op == LOAD_NAME || op == LOAD_GLOBAL)) {
      std::string nm = NameAt(op == LOAD_GLOBAL ? arg >> 1 : arg);
      (Covered(main_guarded_, offset) ? guard_loads_ : other_loads_).push_back(nm);
    }
    // An import under the main guard runs only when this module is the program.
    if (op == IMPORT_NAME && !Covered(main_guarded_, offset) && const1_ >= 0 && const2_ >= 0 &&
        arg < PyTuple_GET_SIZE(names_))
      RecordImport(offset, arg);
    TrackDynamicImport(offset, op, arg);
    if (op == LOAD_CONST) {
      const2_ = const1_;
      const1_ = arg < PyTuple_GET_SIZE(consts_) ? arg : -1;
    } else {
      const1_ = const2_ = -1;
    }
  }

  // The except blocks we are in, and whether the clause we are in catches
  // only ImportError / ModuleNotFoundError: its `LOAD_GLOBAL ImportError ...
  // CHECK_EXC_MATCH` run of names says so.
  void TrackHandlers(int offset, int op, long arg) {
    if (op == PUSH_EXC_INFO) {
      handlers_.push_back(offset);
      import_error_clause_.push_back(false);
      exc_names_.clear();
      return;
    }
    if (op == POP_EXCEPT && !handlers_.empty()) {
      handlers_.pop_back();
      import_error_clause_.pop_back();
    }
    if (handlers_.empty()) return;
    if (op == LOAD_NAME || op == LOAD_GLOBAL) {
      exc_names_.push_back(NameAt(op == LOAD_GLOBAL ? arg >> 1 : arg));
    } else if (op == CHECK_EXC_MATCH) {
      bool only = !exc_names_.empty();
      for (const auto& n : exc_names_) only = only && (n == "ImportError" || n == "ModuleNotFoundError");
      import_error_clause_.back() = only;
      exc_names_.clear();
    } else if (op != BUILD_TUPLE && op != PUSH_NULL) {
      exc_names_.clear();
    }
  }

  // The body of an `if` runs from the jump to its target: a main guard, or a
  // test for another platform or for type checkers.
  void ClassifyGuard(std::pair<int, int> body) {
    size_t k = recent_.size();
    const Instr& last = recent_[k - 1];
    if (k >= 3 && last.op == COMPARE_OP && last.arg == 2 && recent_[k - 2].op == LOAD_CONST) {
      std::string s = ConstStr(recent_[k - 2].arg);
      const Instr& lhs = recent_[k - 3];
      if (s == "__main__" && lhs.op == LOAD_NAME && NameAt(lhs.arg) == "__name__") {
        if (!is_entry_) main_guarded_.push_back(body);
      } else if (OtherPlatform(s)) {
        platform_guarded_.push_back(body);
      }
    } else if (k >= 3 && last.op == CONTAINS_OP && last.arg == 0 &&
               ((recent_[k - 2].op == LOAD_CONST && OtherPlatform(ConstStr(recent_[k - 2].arg))) ||
                (recent_[k - 3].op == LOAD_CONST && OtherPlatform(ConstStr(recent_[k - 3].arg))))) {
      platform_guarded_.push_back(body);  // 'nt' in sys.builtin_module_names
    } else if (k >= 3 && last.op == CALL && recent_[k - 2].op == PRECALL &&
               recent_[k - 3].op == LOAD_CONST && OtherPlatform(ConstStr(recent_[k - 3].arg))) {
      platform_guarded_.push_back(body);  // sys.platform.startswith("win")
    } else if ((last.op == LOAD_NAME || last.op == LOAD_ATTR) && PlatformFlagName(NameAt(last.arg))) {
      platform_guarded_.push_back(body);
    } else if (last.op == LOAD_GLOBAL && PlatformFlagName(NameAt(last.arg >> 1))) {
      platform_guarded_.push_back(body);
    }
  }

  // IMPORT_NAME after LOAD_CONST level, LOAD_CONST fromlist.
  void RecordImport(int offset, long arg) {
    ImportRef ref;
    ref.name = Utf8(PyTuple_GET_ITEM(names_, arg));
    PyObject* level = PyTuple_GET_ITEM(consts_, const2_);
    PyObject* fromlist = PyTuple_GET_ITEM(consts_, const1_);
    ref.level = PyLong_Check(level) ? static_cast<int>(PyLong_AsLong(level)) : 0;
    if (PyTuple_Check(fromlist)) {
      for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(fromlist); ++k)
        ref.fromlist.push_back(Utf8(PyTuple_GET_ITEM(fromlist, k)));
    }
    ref.platform = Covered(platform_guarded_, offset);
    ref.conditional = in_function_ || ref.platform || Covered(handled_, offset);
    ref.main_only = main_only_;
    if (!handlers_.empty() && import_error_clause_.back()) {
      // Imports of the `try` whose handler this is.
      for (const auto& h : handled_) {
        if (h.target != handlers_.back()) continue;
        for (const auto& [at, index] : import_at_)
          if (at >= h.start && at < h.end) ref.alternative_to.push_back(index);
      }
    }
    import_at_.emplace_back(offset, out_->size());
    ref.line = Line(offset);
    out_->push_back(std::move(ref));
  }

  void AddQuietImport(const std::string& name, int offset) {
    ImportRef ref;
    ref.name = name;
    ref.conditional = true;  // a call we cannot prove runs
    ref.main_only = main_only_;
    ref.line = Line(offset);
    out_->push_back(std::move(ref));
  }

  // __import__("x") / import_module("x") / find_spec("x"): a lone constant
  // argument, then the call; a constant that more follows ("pkg.sub." +
  // name, "pkg.%s" % name) names the package the module comes from.
  // breakpoint() runs sys.breakpointhook, which imports pdb.
  void TrackDynamicImport(int offset, int op, long arg) {
    if (!dynamic_name_.empty()) {
      if (op == PRECALL || op == KW_NAMES || op == CALL) AddQuietImport(dynamic_name_, offset);
      else AddPackagePrefix(dynamic_name_, offset);
    }
    dynamic_name_.clear();
    if (op == LOAD_CONST && !loaded_callable_.empty()) dynamic_name_ = ConstStr(arg);
    loaded_callable_.clear();
    if (op == LOAD_NAME || op == LOAD_GLOBAL || op == LOAD_METHOD || op == LOAD_ATTR) {
      std::string nm = NameAt(op == LOAD_GLOBAL ? arg >> 1 : arg);
      if (nm == "__import__" || nm == "import_module" || nm == "find_spec") loaded_callable_ = nm;
      if (nm == "breakpoint" && op != LOAD_ATTR && op != LOAD_METHOD) AddQuietImport("pdb", offset);
    }
  }

  // "pkg.sub." / "pkg.%s" / "pkg.sub.{}" -> "pkg.sub".
  void AddPackagePrefix(const std::string& s, int offset) {
    // A module's `__getattr__` importing "pkg." + name loads its submodules
    // lazily (PEP 562): its users import those by name anyway.
    if (Utf8(reinterpret_cast<PyCodeObject*>(code_)->co_name) == "__getattr__") return;
    std::string prefix = s.substr(0, s.find_first_of("%{"));
    size_t dot = prefix.rfind('.');
    if (dot == std::string::npos || dot == 0) return;
    prefix.resize(dot);
    for (char c : prefix)
      if (!(isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.')) return;
    AddQuietImport(prefix, offset);
    out_->back().package_tree = true;
  }

  // A function called only under `if __name__ == "__main__":` of a module
  // that is not the entry never runs in the app.
  bool OnlyForMain(PyObject* c) const {
    if (in_function_ || guard_loads_.empty()) return false;
    std::string fn = Utf8(reinterpret_cast<PyCodeObject*>(c)->co_name);
    auto has = [&](const std::vector<std::string>& v) {
      for (const auto& x : v)
        if (x == fn) return true;
      return false;
    };
    return has(guard_loads_) && !has(other_loads_);
  }

  void ScanNested() {
    Py_ssize_t nconsts = PyTuple_GET_SIZE(consts_);
    if (!in_function_) {
      for (Py_ssize_t k = 0; k < nconsts; ++k)
        if (PyCode_Check(PyTuple_GET_ITEM(consts_, k))) LoadedNames(PyTuple_GET_ITEM(consts_, k), &other_loads_);
    }
    for (Py_ssize_t k = 0; k < nconsts; ++k) {
      PyObject* c = PyTuple_GET_ITEM(consts_, k);
      if (!PyCode_Check(c)) continue;
      // Class bodies run when the module runs; function bodies maybe never.
      int flags = reinterpret_cast<PyCodeObject*>(c)->co_flags;
      CodeScan(c, in_function_ || (flags & CO_OPTIMIZED), is_entry_, main_only_ || OnlyForMain(c), out_)
          .Run();
    }
  }

  PyObject* code_;
  bool in_function_, is_entry_, main_only_;
  std::vector<ImportRef>* out_;
  PyObject* bytes_ = nullptr;
  PyObject* consts_ = nullptr;
  PyObject* names_ = nullptr;
  std::vector<Handled> handled_;
  std::vector<int> handlers_;                   // offsets of the except blocks we are in
  std::vector<bool> import_error_clause_;       // per handler: its clause catches ImportError only
  std::vector<std::string> exc_names_;          // names loaded just before a CHECK_EXC_MATCH
  std::vector<std::pair<int, size_t>> import_at_;  // offset -> index in `out_`
  // The last two LOAD_CONST operands before an instruction (-1: something
  // else came between).
  long const1_ = -1, const2_ = -1;
  std::string loaded_callable_;  // __import__ or import_module, just loaded
  std::string dynamic_name_;     // a constant just passed to one of those
  std::vector<Instr> recent_;    // the last few instructions, caches left out
  std::vector<std::pair<int, int>> main_guarded_, platform_guarded_;
  // Module level: names used only under the main guard (self-tests, CLIs).
  std::vector<std::string> guard_loads_, other_loads_;
};

void LoadedNames(PyObject* code, std::vector<std::string>* out) {
  PyObject* bytes = PyCode_GetCode(reinterpret_cast<PyCodeObject*>(code));
  PyObject* names = PyObject_GetAttrString(code, "co_names");
  PyObject* consts = PyObject_GetAttrString(code, "co_consts");
  if (bytes && names && consts && PyBytes_Check(bytes) && PyTuple_Check(names) && PyTuple_Check(consts)) {
    const auto* b = reinterpret_cast<const unsigned char*>(PyBytes_AS_STRING(bytes));
    Py_ssize_t n = PyBytes_GET_SIZE(bytes), nnames = PyTuple_GET_SIZE(names);
    long ext = 0;
    for (Py_ssize_t i = 0; i + 1 < n; i += 2) {
      int op = b[i];
      long arg = b[i + 1] | ext;
      ext = op == EXTENDED_ARG ? arg << 8 : 0;
      if (op != LOAD_NAME && op != LOAD_GLOBAL) continue;
      long ni = op == LOAD_GLOBAL ? arg >> 1 : arg;
      if (ni < nnames) out->push_back(Utf8(PyTuple_GET_ITEM(names, ni)));
    }
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(consts); ++k)
      if (PyCode_Check(PyTuple_GET_ITEM(consts, k))) LoadedNames(PyTuple_GET_ITEM(consts, k), out);
  }
  Py_XDECREF(bytes);
  Py_XDECREF(names);
  Py_XDECREF(consts);
  PyErr_Clear();
}

}  // namespace

namespace {

bool DottedName(std::string_view s) {
  if (s.size() < 3 || s.size() > 200 || s.find('.') == std::string_view::npos) return false;
  bool part_start = true;
  for (unsigned char c : s) {
    if (c == '.') {
      if (part_start) return false;
      part_start = true;
      continue;
    }
    bool ok = isalpha(c) || c == '_' || (!part_start && isdigit(c));
    if (!ok) return false;
    part_start = false;
  }
  return !part_start;
}

bool Identifier(std::string_view s) {
  if (s.empty() || s.size() > 100 || isdigit(static_cast<unsigned char>(s[0]))) return false;
  for (unsigned char c : s)
    if (!(isalnum(c) || c == '_')) return false;
  return true;
}

// Walks constants (code objects, tuples, frozensets) and hands every ASCII
// string to `take`.
template <typename Take>
void EachStringConstant(PyObject* code, Take take);

template <typename Take>
void EachStringIn(PyObject* c, Take take) {
  if (PyCode_Check(c)) {
    EachStringConstant(c, take);
  } else if (PyTuple_Check(c) || PyFrozenSet_Check(c)) {
    PyRef it(PyObject_GetIter(c));
    while (it) {
      PyRef item(PyIter_Next(it.get()));
      if (!item) break;
      EachStringIn(item.get(), take);
    }
    PyErr_Clear();
  } else if (PyUnicode_Check(c) && PyUnicode_IS_ASCII(c)) {
    take(Utf8(c));
  }
}

template <typename Take>
void EachStringConstant(PyObject* code, Take take) {
  PyObject* consts = PyObject_GetAttrString(code, "co_consts");
  if (consts && PyTuple_Check(consts)) {
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(consts); ++k) EachStringIn(PyTuple_GET_ITEM(consts, k), take);
  }
  Py_XDECREF(consts);
  PyErr_Clear();
}

}  // namespace

void ScanModuleNameStrings(PyObject* code, std::vector<std::string>* out) {
  EachStringConstant(code, [out](std::string s) {
    s = s.substr(0, s.find(':'));  // "pkg.dialects:sqlite"
    if (DottedName(s)) out->push_back(s);
  });
}

bool NamesDunderFile(PyObject* code) {
  bool found = false;
  PyObject* names = PyObject_GetAttrString(code, "co_names");
  for (Py_ssize_t k = 0; names && PyTuple_Check(names) && k < PyTuple_GET_SIZE(names) && !found; ++k)
    found = Utf8(PyTuple_GET_ITEM(names, k)) == "__file__";
  Py_XDECREF(names);
  PyObject* consts = found ? nullptr : PyObject_GetAttrString(code, "co_consts");
  for (Py_ssize_t k = 0; consts && PyTuple_Check(consts) && k < PyTuple_GET_SIZE(consts) && !found; ++k)
    if (PyCode_Check(PyTuple_GET_ITEM(consts, k))) found = NamesDunderFile(PyTuple_GET_ITEM(consts, k));
  Py_XDECREF(consts);
  PyErr_Clear();
  return found;
}

void ScanIdentifierStrings(PyObject* code, std::vector<std::string>* out) {
  EachStringConstant(code, [out](const std::string& s) {
    if (Identifier(s)) out->push_back(s);
  });
}

void ScanCodecNames(PyObject* code, std::vector<std::string>* out) {
  PyObject* consts = PyObject_GetAttrString(code, "co_consts");
  if (!consts || !PyTuple_Check(consts)) {
    Py_XDECREF(consts);
    PyErr_Clear();
    return;
  }
  for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(consts); ++k) {
    PyObject* c = PyTuple_GET_ITEM(consts, k);
    if (PyCode_Check(c)) {
      ScanCodecNames(c, out);
    } else if (PyUnicode_Check(c) && PyUnicode_GET_LENGTH(c) >= 2 && PyUnicode_GET_LENGTH(c) <= 32 &&
               PyUnicode_IS_ASCII(c)) {
      const char* s = reinterpret_cast<const char*>(PyUnicode_DATA(c));
      bool name_like = true;
      for (const char* p = s; *p && name_like; ++p)
        name_like = isalnum(static_cast<unsigned char>(*p)) || *p == '-' || *p == '_' || *p == '.' || *p == ' ';
      if (name_like) out->push_back(s);
    }
  }
  Py_DECREF(consts);
}

void ScanImports(PyObject* code, bool is_entry, std::vector<ImportRef>* out) {
  CodeScan(code, false, is_entry, /*main_only=*/false, out).Run();
}

}  // namespace freezer
