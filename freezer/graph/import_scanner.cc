#include "freezer/graph/import_scanner.h"

#include <opcode.h>

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

void Scan(PyObject* code, bool in_function, bool is_entry, std::vector<ImportRef>* out) {
  PyObject* bytes = PyCode_GetCode(reinterpret_cast<PyCodeObject*>(code));
  PyObject* consts = PyObject_GetAttrString(code, "co_consts");
  PyObject* names = PyObject_GetAttrString(code, "co_names");
  if (!bytes || !consts || !names || !PyBytes_Check(bytes) || !PyTuple_Check(consts) ||
      !PyTuple_Check(names)) {
    Py_XDECREF(bytes);
    Py_XDECREF(consts);
    Py_XDECREF(names);
    PyErr_Clear();
    return;
  }
  std::vector<Handled> handled = HandledRanges(code);
  std::vector<int> handlers;  // offsets of the except blocks we are in
  std::vector<std::pair<int, size_t>> import_at;  // offset -> index in `out`
  const auto* b = reinterpret_cast<const unsigned char*>(PyBytes_AS_STRING(bytes));
  Py_ssize_t n = PyBytes_GET_SIZE(bytes);
  Py_ssize_t nconsts = PyTuple_GET_SIZE(consts), nnames = PyTuple_GET_SIZE(names);
  // The last two LOAD_CONST operands before an instruction (-1: something
  // else came between).
  long const1 = -1, const2 = -1;
  // The name just loaded, to spot __import__("x") and import_module("x").
  std::string loaded_callable;
  std::string dynamic_name;  // a constant just passed to one of those
  long ext = 0;
  std::vector<Instr> recent;  // the last few instructions, caches left out
  std::vector<std::pair<int, int>> main_guarded, platform_guarded;
  // Module level: names used only under the main guard (self-tests, CLIs).
  std::vector<std::string> guard_loads, other_loads;
  auto name_at = [&](long ni) { return ni >= 0 && ni < nnames ? Utf8(PyTuple_GET_ITEM(names, ni)) : std::string(); };
  auto const_str = [&](long ci) {
    PyObject* c = ci >= 0 && ci < nconsts ? PyTuple_GET_ITEM(consts, ci) : nullptr;
    return c && PyUnicode_Check(c) ? Utf8(c) : std::string();
  };
  for (Py_ssize_t i = 0; i + 1 < n; i += 2) {
    int op = b[i];
    long arg = b[i + 1] | ext;
    if (op == EXTENDED_ARG) {
      ext = arg << 8;
      continue;
    }
    ext = 0;
    if (op == CACHE) continue;
    if (op == PUSH_EXC_INFO) handlers.push_back(static_cast<int>(i));
    if (op == POP_EXCEPT && !handlers.empty()) handlers.pop_back();
    if (op == POP_JUMP_FORWARD_IF_FALSE && !recent.empty()) {
      // The body of an `if` runs from here to the jump target.
      std::pair<int, int> body{static_cast<int>(i), static_cast<int>(i + 2 + arg * 2)};
      size_t k = recent.size();
      const Instr& last = recent[k - 1];
      if (k >= 3 && last.op == COMPARE_OP && last.arg == 2 && recent[k - 2].op == LOAD_CONST) {
        std::string s = const_str(recent[k - 2].arg);
        const Instr& lhs = recent[k - 3];
        if (s == "__main__" && lhs.op == LOAD_NAME && name_at(lhs.arg) == "__name__") {
          if (!is_entry) main_guarded.push_back(body);
        } else if (OtherPlatform(s)) {
          platform_guarded.push_back(body);
        }
      } else if (k >= 3 && last.op == CONTAINS_OP && last.arg == 0 &&
                 ((recent[k - 2].op == LOAD_CONST && OtherPlatform(const_str(recent[k - 2].arg))) ||
                  (recent[k - 3].op == LOAD_CONST && OtherPlatform(const_str(recent[k - 3].arg))))) {
        platform_guarded.push_back(body);  // 'nt' in sys.builtin_module_names
      } else if (k >= 2 && last.op == CALL && recent[k - 2].op == PRECALL && k >= 3 &&
                 recent[k - 3].op == LOAD_CONST && OtherPlatform(const_str(recent[k - 3].arg))) {
        platform_guarded.push_back(body);  // sys.platform.startswith("win")
      } else if ((last.op == LOAD_NAME || last.op == LOAD_ATTR) && PlatformFlagName(name_at(last.arg))) {
        platform_guarded.push_back(body);
      } else if (last.op == LOAD_GLOBAL && PlatformFlagName(name_at(last.arg >> 1))) {
        platform_guarded.push_back(body);
      }
    }
    recent.push_back({op, arg});
    if (recent.size() > 4) recent.erase(recent.begin());
    if (!in_function && (op == LOAD_NAME || op == LOAD_GLOBAL)) {
      std::string nm = name_at(op == LOAD_GLOBAL ? arg >> 1 : arg);
      (Covered(main_guarded, static_cast<int>(i)) ? guard_loads : other_loads).push_back(nm);
    }
    if (op == IMPORT_NAME && Covered(main_guarded, static_cast<int>(i))) {
      // skipped: runs only when this module is the program
    } else if (op == IMPORT_NAME && arg < nnames && const1 >= 0 && const2 >= 0) {
      ImportRef ref;
      ref.name = Utf8(PyTuple_GET_ITEM(names, arg));
      PyObject* level = PyTuple_GET_ITEM(consts, const2);
      PyObject* fromlist = PyTuple_GET_ITEM(consts, const1);
      ref.level = PyLong_Check(level) ? static_cast<int>(PyLong_AsLong(level)) : 0;
      if (PyTuple_Check(fromlist)) {
        for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(fromlist); ++k)
          ref.fromlist.push_back(Utf8(PyTuple_GET_ITEM(fromlist, k)));
      }
      ref.platform = Covered(platform_guarded, static_cast<int>(i));
      ref.conditional = in_function || ref.platform || Covered(handled, static_cast<int>(i));
      if (!handlers.empty()) {
        // Imports of the `try` whose handler this is.
        for (const auto& h : handled) {
          if (h.target != handlers.back()) continue;
          for (const auto& [offset, index] : import_at)
            if (offset >= h.start && offset < h.end) ref.alternative_to.push_back(index);
        }
      }
      import_at.emplace_back(static_cast<int>(i), out->size());
      ref.line = PyCode_Addr2Line(reinterpret_cast<PyCodeObject*>(code), static_cast<int>(i));
      out->push_back(std::move(ref));
    }
    // __import__("x") / import_module("x"): a lone constant argument, then
    // the call.
    if (!dynamic_name.empty() && (op == PRECALL || op == KW_NAMES || op == CALL)) {
      ImportRef ref;
      ref.name = dynamic_name;
      ref.conditional = true;  // a call we cannot prove runs
      ref.line = PyCode_Addr2Line(reinterpret_cast<PyCodeObject*>(code), static_cast<int>(i));
      out->push_back(std::move(ref));
    }
    dynamic_name.clear();
    if (op == LOAD_CONST && arg < nconsts && !loaded_callable.empty()) {
      PyObject* c = PyTuple_GET_ITEM(consts, arg);
      if (PyUnicode_Check(c)) dynamic_name = Utf8(c);
    }
    loaded_callable.clear();
    if ((op == LOAD_NAME || op == LOAD_GLOBAL || op == LOAD_METHOD || op == LOAD_ATTR)) {
      long ni = op == LOAD_GLOBAL ? arg >> 1 : arg;
      if (ni < nnames) {
        std::string nm = Utf8(PyTuple_GET_ITEM(names, ni));
        if (nm == "__import__" || nm == "import_module") loaded_callable = nm;
        // breakpoint() runs sys.breakpointhook, which imports pdb.
        if (nm == "breakpoint" && op != LOAD_ATTR && op != LOAD_METHOD) {
          ImportRef ref;
          ref.name = "pdb";
          ref.conditional = true;
          ref.line = PyCode_Addr2Line(reinterpret_cast<PyCodeObject*>(code), static_cast<int>(i));
          out->push_back(std::move(ref));
        }
      }
    }
    if (op == LOAD_CONST) {
      const2 = const1;
      const1 = arg < nconsts ? arg : -1;
    } else {
      const1 = const2 = -1;
    }
  }
  if (!in_function) {
    for (Py_ssize_t k = 0; k < nconsts; ++k) {
      PyObject* c = PyTuple_GET_ITEM(consts, k);
      if (PyCode_Check(c)) LoadedNames(c, &other_loads);
    }
  }
  auto only_for_main = [&](PyObject* c) {
    if (in_function || guard_loads.empty()) return false;
    std::string fn = Utf8(reinterpret_cast<PyCodeObject*>(c)->co_name);
    auto has = [&](const std::vector<std::string>& v) {
      for (const auto& x : v) if (x == fn) return true;
      return false;
    };
    return has(guard_loads) && !has(other_loads);
  };
  for (Py_ssize_t k = 0; k < nconsts; ++k) {
    PyObject* c = PyTuple_GET_ITEM(consts, k);
    if (!PyCode_Check(c)) continue;
    // A function called only under `if __name__ == "__main__":` of a module
    // that is not the entry never runs in the app.
    if (only_for_main(c)) continue;
    // Class bodies run when the module runs; function bodies maybe never.
    int flags = reinterpret_cast<PyCodeObject*>(c)->co_flags;
    Scan(c, in_function || (flags & CO_OPTIMIZED), is_entry, out);
  }
  Py_DECREF(bytes);
  Py_DECREF(consts);
  Py_DECREF(names);
}

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
  Scan(code, false, is_entry, out);
}

}  // namespace freezer
