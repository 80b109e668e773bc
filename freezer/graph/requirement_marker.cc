#include "freezer/graph/requirement_marker.h"

#include <map>
#include <string>
#include <vector>

namespace freezer {
namespace {

// The target's values (the stub runs CPython 3.11 on Linux x86-64).
const std::map<std::string, std::string>& TargetValues() {
  static const std::map<std::string, std::string> values = {
      {"implementation_name", "cpython"}, {"platform_python_implementation", "CPython"},
      {"sys_platform", "linux"},          {"platform_system", "Linux"},
      {"os_name", "posix"},               {"python_version", "3.11"},
      {"python_full_version", "3.11.2"},  {"implementation_version", "3.11.2"},
      {"platform_machine", "x86_64"},     {"extra", ""},
  };
  return values;
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::vector<std::string> Split(const std::string& s, const std::string& sep) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t at; (at = s.find(sep, start)) != std::string::npos; start = at + sep.size())
    out.push_back(s.substr(start, at - start));
  out.push_back(s.substr(start));
  return out;
}

bool Quoted(const std::string& s) { return s.size() >= 2 && (s[0] == '"' || s[0] == '\'') && s.back() == s[0]; }

// -1, 0, 1: dotted numbers compared part by part ("3.9" < "3.11").
int CompareVersions(const std::string& a, const std::string& b) {
  std::vector<std::string> x = Split(a, "."), y = Split(b, ".");
  for (size_t i = 0; i < x.size() || i < y.size(); ++i) {
    long u = i < x.size() ? atol(x[i].c_str()) : 0, v = i < y.size() ? atol(y[i].c_str()) : 0;
    if (u != v) return u < v ? -1 : 1;
  }
  return 0;
}

// 0 false, 1 true, -1 unknown.
int Clause(const std::string& clause) {
  static const char* kOps[] = {"not in", "===", "==", "!=", "<=", ">=", "~=", "<", ">", " in "};
  for (const char* op : kOps) {
    size_t at = clause.find(op);
    if (at == std::string::npos) continue;
    std::string lhs = Trim(clause.substr(0, at)), rhs = Trim(clause.substr(at + std::string(op).size()));
    std::string o = Trim(op);
    bool var_left = !Quoted(lhs);
    const std::string& var = var_left ? lhs : rhs;
    const std::string& lit = var_left ? rhs : lhs;
    auto it = TargetValues().find(var);
    if (it == TargetValues().end() || !Quoted(lit)) return -1;
    std::string value = lit.substr(1, lit.size() - 2);
    const std::string& l = var_left ? it->second : value;
    const std::string& r = var_left ? value : it->second;
    if (o == "in") return r.find(l) != std::string::npos;
    if (o == "not in") return r.find(l) == std::string::npos;
    bool version = var.find("version") != std::string::npos;
    int c = version ? CompareVersions(l, r) : l.compare(r);
    if (o == "==" || o == "===") return c == 0;
    if (o == "!=") return c != 0;
    if (!version) return -1;
    if (o == "<") return c < 0;
    if (o == "<=") return c <= 0;
    if (o == ">") return c > 0;
    if (o == ">=") return c >= 0;
    return -1;  // ~=
  }
  return -1;
}

}  // namespace

bool MarkerMayHold(const std::string& text) {
  std::string marker = text;
  if (marker.find('(') != std::string::npos) {
    // Parentheses only change the meaning where `and` and `or` mix.
    if (marker.find(" and ") != std::string::npos && marker.find(" or ") != std::string::npos) return true;
    std::erase(marker, '(');
    std::erase(marker, ')');
  }
  for (const auto& branch : Split(marker, " or ")) {
    bool holds = true;
    for (const auto& clause : Split(branch, " and "))
      if (Clause(Trim(clause)) == 0) holds = false;
    if (holds) return true;
  }
  return false;
}

}  // namespace freezer
