#include "freezer/rules/version_range.h"

#include <cctype>

namespace freezer {

namespace {

std::string Trim(const std::string& s) {
  size_t a = s.find_first_not_of(" \t"), b = s.find_last_not_of(" \t");
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

// -1, 0, 1 as a is below, equal to or above b; missing numbers are zeros.
int Compare(const std::vector<long>& a, const std::vector<long>& b) {
  for (size_t i = 0; i < a.size() || i < b.size(); ++i) {
    long x = i < a.size() ? a[i] : 0, y = i < b.size() ? b[i] : 0;
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

}  // namespace

std::vector<long> ReleaseNumbers(const std::string& version) {
  std::vector<long> out;
  size_t i = 0;
  while (i < version.size() && isdigit(static_cast<unsigned char>(version[i]))) {
    long n = 0;
    for (; i < version.size() && isdigit(static_cast<unsigned char>(version[i])) && n < 100000000; ++i)
      n = n * 10 + (version[i] - '0');
    out.push_back(n);
    if (i + 1 < version.size() && version[i] == '.' && isdigit(static_cast<unsigned char>(version[i + 1])))
      ++i;
    else
      break;
  }
  return out;
}

bool VersionRange::Parse(const std::string& text, VersionRange* out, std::string* err) {
  *out = VersionRange();
  out->text_ = text;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    std::string clause = Trim(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    start = comma == std::string::npos ? text.size() + 1 : comma + 1;
    static const std::pair<const char*, Op> kOps[] = {{">=", Op::kGe}, {"<=", Op::kLe}, {"==", Op::kEq},
                                                      {"!=", Op::kNe}, {">", Op::kGt},  {"<", Op::kLt}};
    Clause c{};
    std::string number;
    bool matched = false;
    for (const auto& [sym, op] : kOps) {
      if (clause.rfind(sym, 0) != 0) continue;
      c.op = op;
      number = Trim(clause.substr(std::string(sym).size()));
      matched = true;
      break;
    }
    if (matched && (c.op == Op::kEq || c.op == Op::kNe) && number.size() > 2 &&
        number.compare(number.size() - 2, 2, ".*") == 0) {
      c.prefix = true;
      number.resize(number.size() - 2);
    }
    if (matched) c.release = ReleaseNumbers(number);
    std::string canonical;
    for (size_t i = 0; i < c.release.size(); ++i) canonical += (i ? "." : "") + std::to_string(c.release[i]);
    if (!matched || c.release.empty() || canonical.size() != number.size()) {
      *err = "'" + clause + "' is not a version clause (>=, <=, >, <, ==, != and a version such as 2.31, or ==2.*)";
      return false;
    }
    out->clauses_.push_back(std::move(c));
  }
  return true;
}

bool VersionRange::Contains(const std::string& version) const {
  std::vector<long> v = ReleaseNumbers(version);
  for (const Clause& c : clauses_) {
    int cmp;
    if (c.prefix) {
      std::vector<long> head(v.begin(), v.begin() + std::min(v.size(), c.release.size()));
      cmp = Compare(head, c.release);
    } else {
      cmp = Compare(v, c.release);
    }
    bool ok = false;
    switch (c.op) {
      case Op::kEq: ok = cmp == 0; break;
      case Op::kNe: ok = cmp != 0; break;
      case Op::kLt: ok = cmp < 0; break;
      case Op::kLe: ok = cmp <= 0; break;
      case Op::kGt: ok = cmp > 0; break;
      case Op::kGe: ok = cmp >= 0; break;
    }
    if (!ok) return false;
  }
  return true;
}

}  // namespace freezer
