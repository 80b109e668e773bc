#include "freezer/graph/import_scanner.h"

#include <opcode.h>

#include "freezer/graph/python_runtime.h"  // PyRef

#include <algorithm>
#include <cctype>
#include <utility>

namespace freezer {

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

// An `except` clause naming one of these catches a failed import.
bool CatchesImportErrorName(const std::string& n) {
  return n == "ImportError" || n == "ModuleNotFoundError" || n == "Exception" || n == "BaseException";
}

// A flag that names the Python major version (six.PY2, compat.PY3,
// IS_PY2, _PY3, PYTHON2...): its value here, 0 or 1; -1 for other names.
int PythonVersionFlag(const std::string& n) {
  std::string key;
  for (char c : n)
    if (c != '_') key += static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
  if (key.compare(0, 2, "IS") == 0) key = key.substr(2);
  if (key == "PY2" || key == "PYTHON2" || key == "PY26" || key == "PY27") return 0;
  if (key == "PY3" || key == "PYTHON3") return 1;
  return -1;
}

bool Covered(const std::vector<std::pair<int, int>>& ranges, int offset) {
  for (const auto& [s, e] : ranges)
    if (offset >= s && offset < e) return true;
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
    if (in_function_) function_ = Utf8(reinterpret_cast<PyCodeObject*>(code)->co_qualname);
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
    Decode();
    for (size_t i = 0; i < at_.size(); ++i)
      if (at_[i].op >= 0) Step(static_cast<int>(i) * 2, at_[i].op, at_[i].arg);
    // Which handler catches what is known only once the handlers are read.
    for (const auto& [offset, index] : ref_at_) {
      ImportRef& ref = (*out_)[index];
      ref.guarded = Guarded(offset);
      ref.conditional = ref.conditional || ref.guarded;
    }
    ScanNested();
  }

 private:
  std::string NameAt(long ni) const {
    return ni >= 0 && ni < PyTuple_GET_SIZE(names_) ? Utf8(PyTuple_GET_ITEM(names_, ni)) : std::string();
  }
  PyObject* ConstAt(long ci) const {  // borrowed
    return ci >= 0 && ci < PyTuple_GET_SIZE(consts_) ? PyTuple_GET_ITEM(consts_, ci) : nullptr;
  }
  std::string ConstStr(long ci) const {
    PyObject* c = ConstAt(ci);
    return c && PyUnicode_Check(c) ? Utf8(c) : std::string();
  }
  int Line(int offset) const { return PyCode_Addr2Line(reinterpret_cast<PyCodeObject*>(code_), offset); }
  // The name an instruction loads (LOAD_GLOBAL keeps a flag in its low bit).
  std::string NameOf(const Instr& in) const { return NameAt(in.op == LOAD_GLOBAL ? in.arg >> 1 : in.arg); }
  static bool LoadsName(int op) {
    return op == LOAD_NAME || op == LOAD_GLOBAL || op == LOAD_ATTR || op == LOAD_METHOD;
  }

  // Every instruction by offset / 2, its EXTENDED_ARG prefixes folded in
  // (those and the inline caches have op -1): the handlers and else
  // branches ahead of the walk are read from here.
  void Decode() {
    const auto* b = reinterpret_cast<const unsigned char*>(PyBytes_AS_STRING(bytes_));
    Py_ssize_t n = PyBytes_GET_SIZE(bytes_);
    at_.assign(n / 2, Instr{-1, 0});
    long ext = 0;
    for (Py_ssize_t i = 0; i + 1 < n; i += 2) {
      int op = b[i];
      long arg = b[i + 1] | ext;
      ext = op == EXTENDED_ARG ? arg << 8 : 0;
      if (op != EXTENDED_ARG && op != CACHE) at_[i / 2] = {op, arg};
    }
  }
  const Instr* At(int offset) const {
    return offset >= 0 && offset / 2 < static_cast<int>(at_.size()) && at_[offset / 2].op >= 0 ? &at_[offset / 2]
                                                                                                : nullptr;
  }
  int Next(int offset) const {
    for (int o = offset + 2; o / 2 < static_cast<int>(at_.size()); o += 2)
      if (at_[o / 2].op >= 0) return o;
    return -1;
  }

  // The exception table entry an exception raised at `offset` goes to.
  const Handled* EntryAt(int offset) const {
    for (const auto& h : handled_)
      if (offset >= h.start && offset < h.end) return &h;
    return nullptr;
  }

  // Whether the handler at `target` catches ImportError: a bare except, a
  // clause naming ImportError (or a base of it), or the exit of a
  // `with suppress(ImportError)`. Its clauses are read in order
  // (LOAD... CHECK_EXC_MATCH, POP_JUMP_FORWARD_IF_FALSE to the next one);
  // a `finally` or a `with` matches nothing.
  bool CatchesImportError(int target) const {
    const Instr* in = At(target);
    if (!in || in->op != PUSH_EXC_INFO) return false;
    if (std::find(suppressing_.begin(), suppressing_.end(), target) != suppressing_.end()) return true;
    int at = Next(target);
    for (int clause = 0; at >= 0 && clause < 64; ++clause) {
      in = At(at);
      if (in->op == POP_TOP) return true;  // except:
      bool catches = false;
      while (in && (LoadsName(in->op) || in->op == BUILD_TUPLE || in->op == PUSH_NULL)) {
        if (LoadsName(in->op)) catches = catches || CatchesImportErrorName(NameOf(*in));
        at = Next(at);
        in = At(at);
      }
      if (!in || in->op != CHECK_EXC_MATCH) return false;
      if (catches) return true;
      at = Next(at);
      in = At(at);
      if (!in || in->op != POP_JUMP_FORWARD_IF_FALSE) return false;
      at = at + 2 + static_cast<int>(in->arg) * 2;
    }
    return false;
  }

  // An exception at `offset` goes to its entry's handler; one that does not
  // catch it re-raises from code the next entry out covers.
  bool Guarded(int offset) const {
    int at = offset;
    for (int hops = 0; hops < 32; ++hops) {
      const Handled* h = EntryAt(at);
      if (!h || h->target == at) return false;
      if (CatchesImportError(h->target)) return true;
      at = h->target;
    }
    return false;
  }

  // `with suppress(ImportError):` (contextlib's, by any path): the handler
  // of the body that BEFORE_WITH at `offset` starts.
  void NoteSuppress(int offset) {
    bool suppress = false, import_error = false;
    size_t from = recent_.size() > 6 ? recent_.size() - 6 : 0;
    for (size_t i = from; i < recent_.size(); ++i) {
      if (!LoadsName(recent_[i].op)) continue;
      std::string n = NameOf(recent_[i]);
      suppress = suppress || n == "suppress";
      import_error = import_error || CatchesImportErrorName(n);
    }
    int body = Next(offset);
    const Handled* h = suppress && import_error && body >= 0 ? EntryAt(body) : nullptr;
    if (h) suppressing_.push_back(h->target);
  }

  // The truth here of the test the last instructions compute: a flag named
  // like PY2/PY3, or sys.version_info (also .major/.minor/.micro, [i] or
  // [:n]) compared with a constant. -1: not such a test.
  int InterpreterTest() const {
    size_t k = recent_.size();
    const Instr& last = recent_[k - 1];
    if (last.op == LOAD_NAME || last.op == LOAD_GLOBAL || last.op == LOAD_ATTR)
      return PythonVersionFlag(NameOf(last));
    if (last.op != COMPARE_OP || last.arg < Py_LT || last.arg > Py_GE || k < 3 ||
        recent_[k - 2].op != LOAD_CONST)
      return -1;
    PyObject* rhs = ConstAt(recent_[k - 2].arg);
    long i = static_cast<long>(k) - 3;
    PyRef key;            // [i] or [:n]
    std::string attr;     // .major
    if (recent_[i].op == LOAD_ATTR && NameOf(recent_[i]) != "version_info") {
      attr = NameOf(recent_[i]);
      --i;
    } else if (recent_[i].op == BINARY_SUBSCR) {
      if (i >= 2 && recent_[i - 1].op == LOAD_CONST) {
        PyObject* c = ConstAt(recent_[i - 1].arg);
        Py_XINCREF(c);
        key = PyRef(c);
        i -= 2;
      } else if (i >= 4 && recent_[i - 1].op == BUILD_SLICE && recent_[i - 1].arg == 2 &&
                 recent_[i - 2].op == LOAD_CONST && recent_[i - 3].op == LOAD_CONST) {
        key = PyRef(PySlice_New(ConstAt(recent_[i - 3].arg), ConstAt(recent_[i - 2].arg), nullptr));
        i -= 4;
      } else {
        return -1;
      }
    }
    if (!rhs || i < 0 || !LoadsName(recent_[i].op) || NameOf(recent_[i]) != "version_info") return -1;
    PyObject* version = PySys_GetObject("version_info");  // borrowed
    if (!version) return -1;
    PyRef lhs;
    if (!attr.empty()) {
      lhs = PyRef(PyObject_GetAttrString(version, attr.c_str()));
    } else if (key) {
      lhs = PyRef(PyObject_GetItem(version, key.get()));
    } else {
      Py_INCREF(version);
      lhs = PyRef(version);
    }
    int truth = lhs ? PyObject_RichCompareBool(lhs.get(), rhs, static_cast<int>(last.arg)) : -1;
    if (truth < 0) PyErr_Clear();
    return truth;
  }

  // A test of the interpreter version that is constant here: when the jump
  // is always taken, the code it skips is dead; when it never is, so is an
  // else branch (the JUMP_FORWARD that ends the body skips it).
  void ClassifyVersionTest(bool jump_if_true, int offset, int target) {
    int truth = InterpreterTest();
    if (truth < 0) return;
    if ((truth == 1) == jump_if_true) {
      platform_guarded_.push_back({offset, target});
    } else if (const Instr* j = At(target - 2); j && j->op == JUMP_FORWARD) {
      platform_guarded_.push_back({target, target + static_cast<int>(j->arg) * 2});
    }
  }

  void Step(int offset, int op, long arg) {
    TrackHandlers(offset, op, arg);
    if ((op == POP_JUMP_FORWARD_IF_FALSE || op == POP_JUMP_FORWARD_IF_TRUE) && !recent_.empty()) {
      int target = offset + 2 + static_cast<int>(arg) * 2;
      if (op == POP_JUMP_FORWARD_IF_FALSE) ClassifyGuard({offset, target});
      ClassifyVersionTest(op == POP_JUMP_FORWARD_IF_TRUE, offset, target);
    }
    if (op == BEFORE_WITH) NoteSuppress(offset);
    recent_.push_back({op, arg});
    if (recent_.size() > 8) recent_.erase(recent_.begin());
    if (!in_function_ && (op == LOAD_NAME || op == LOAD_GLOBAL)) {
      std::string nm = NameAt(op == LOAD_GLOBAL ? arg >> 1 : arg);
      (Covered(main_guarded_, offset) ? guard_loads_ : other_loads_).push_back(nm);
    }
    // An import under the main guard runs only when this module is the program.
    if (op == IMPORT_NAME && !Covered(main_guarded_, offset) && const1_ >= 0 && const2_ >= 0 &&
        arg < PyTuple_GET_SIZE(names_))
      RecordImport(offset, arg);
    TrackDynamicImport(offset, op, arg);
    TrackForwardedCall(op, arg, offset);
    TrackRunModuleOption(op, arg, offset);
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
    // `guarded` (and so `conditional`, for guarded imports) once the walk
    // has read the handlers.
    ref.conditional = in_function_ || ref.platform;
    ref.function = function_;
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
    ref_at_.emplace_back(offset, out_->size());
    ref.line = Line(offset);
    out_->push_back(std::move(ref));
  }

  void AddQuietImport(const std::string& name, int offset) {
    ImportRef ref;
    ref.name = name;
    ref.conditional = true;  // a call we cannot prove runs
    ref.function = function_;
    ref.main_only = main_only_;
    ref.line = Line(offset);
    ref_at_.emplace_back(offset, out_->size());
    out_->push_back(std::move(ref));
  }

  // __import__("x") / import_module("x") / find_spec("x"): a lone constant
  // argument, then the call; a constant that more follows ("pkg.sub." +
  // name, "pkg.%s" % name) names the package the module comes from.
  // breakpoint() runs sys.breakpointhook, which imports pdb.
  void TrackDynamicImport(int offset, int op, long arg) {
    if (!dynamic_name_.empty()) {
      if (op == PRECALL || op == KW_NAMES || op == CALL) AddQuietImport(dynamic_name_, offset);
      else if (!SecondArgument(op, arg, offset)) AddPackagePrefix(dynamic_name_, offset);
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

  // f("pkg.mod", ...): a call that may forward its first argument to
  // import_module (ImportRef::via); the graph decides.
  void TrackForwardedCall(int op, long arg, int offset) {
    if (op == LOAD_CONST && !called_.empty()) {
      std::string s = ConstStr(arg);
      if (Identifier(s) || DottedName(s)) {
        AddQuietImport(s, offset);
        out_->back().via = called_;
        out_->back().only_if_found = true;
      }
    }
    called_.clear();
    if (LoadsName(op)) {
      std::string nm = NameAt(op == LOAD_GLOBAL ? arg >> 1 : arg);
      if (nm != "__import__" && nm != "import_module" && nm != "find_spec") called_ = nm;
    }
  }

  // [sys.executable, "-m", "json.tool"], assert_python_ok("-m", "tarfile"),
  // ("-m", "pkg") in a constant tuple: the module a python child runs
  // (vm/python_child.h), which imports it from the app's payload, and for
  // a package its __main__. Followed when found, never reported missing
  // (the child may run another Python's).
  void TrackRunModuleOption(int op, long arg, int offset) {
    if (op != LOAD_CONST) return;
    auto add = [&](const std::string& name) {
      if (!Identifier(name) && !DottedName(name)) return;
      for (const std::string& m : {name, name + ".__main__"}) {
        AddQuietImport(m, offset);
        out_->back().only_if_found = true;
        out_->back().child_main = true;
      }
    };
    PyObject* c = ConstAt(arg);
    if (c && PyTuple_Check(c)) {
      for (Py_ssize_t k = 0; k + 1 < PyTuple_GET_SIZE(c); ++k) {
        PyObject *flag = PyTuple_GET_ITEM(c, k), *name = PyTuple_GET_ITEM(c, k + 1);
        if (PyUnicode_Check(flag) && PyUnicode_Check(name) && Utf8(flag) == "-m") add(Utf8(name));
      }
    } else if (const1_ >= 0 && ConstStr(const1_) == "-m") {
      add(ConstStr(arg));
    }
  }

  // import_module("x", package) / import_module(".sub", __package__): one
  // more plain argument, then the call (a constant prefix is followed by
  // an operation instead). A relative name counts from the package when
  // that is __package__ or __name__; relative to anything else, it is
  // left alone.
  bool SecondArgument(int op, long arg, int offset) {
    if (op != LOAD_CONST && op != LOAD_NAME && op != LOAD_GLOBAL && op != LOAD_FAST) return false;
    const Instr* next = At(Next(offset));
    if (!next || (next->op != PRECALL && next->op != KW_NAMES)) return false;
    const std::string& name = dynamic_name_;
    size_t dots = name.find_first_not_of('.');
    if (dots == 0) {
      AddQuietImport(name, offset);
    } else if (dots != std::string::npos && (op == LOAD_NAME || op == LOAD_GLOBAL)) {
      std::string base = NameAt(op == LOAD_GLOBAL ? arg >> 1 : arg);
      if (base != "__package__" && base != "__name__") return true;
      AddQuietImport(name.substr(dots), offset);
      out_->back().level = static_cast<int>(dots);
    }
    return true;
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
  std::string function_;  // co_qualname, in a function
  std::vector<ImportRef>* out_;
  PyObject* bytes_ = nullptr;
  PyObject* consts_ = nullptr;
  PyObject* names_ = nullptr;
  std::vector<Handled> handled_;
  std::vector<int> handlers_;                   // offsets of the except blocks we are in
  std::vector<bool> import_error_clause_;       // per handler: its clause catches ImportError only
  std::vector<std::string> exc_names_;          // names loaded just before a CHECK_EXC_MATCH
  std::vector<std::pair<int, size_t>> import_at_;  // offset -> index in `out_`
  std::vector<std::pair<int, size_t>> ref_at_;     // the same for every ref this scan adds
  std::vector<Instr> at_;                          // by offset / 2 (Decode)
  std::vector<int> suppressing_;                   // handlers of `with suppress(ImportError)`
  // The last two LOAD_CONST operands before an instruction (-1: something
  // else came between).
  long const1_ = -1, const2_ = -1;
  std::string loaded_callable_;  // __import__ or import_module, just loaded
  std::string dynamic_name_;     // a constant just passed to one of those
  std::string called_;           // another callable, just loaded
  std::vector<Instr> recent_;    // the last eight instructions, caches left out
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

static bool CodeNames(PyObject* code, std::string_view name) {
  bool found = false;
  PyObject* names = PyObject_GetAttrString(code, "co_names");
  for (Py_ssize_t k = 0; names && PyTuple_Check(names) && k < PyTuple_GET_SIZE(names) && !found; ++k)
    found = Utf8(PyTuple_GET_ITEM(names, k)) == name;
  Py_XDECREF(names);
  PyObject* consts = found ? nullptr : PyObject_GetAttrString(code, "co_consts");
  for (Py_ssize_t k = 0; consts && PyTuple_Check(consts) && k < PyTuple_GET_SIZE(consts) && !found; ++k)
    if (PyCode_Check(PyTuple_GET_ITEM(consts, k))) found = CodeNames(PyTuple_GET_ITEM(consts, k), name);
  Py_XDECREF(consts);
  PyErr_Clear();
  return found;
}

bool NamesDunderFile(PyObject* code) { return CodeNames(code, "__file__"); }

bool TurnsFrozenModulesOff(PyObject* code) { return CodeNames(code, "_override_frozen_modules_for_tests"); }

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
