// The optional `version` condition of a package rule: a comma-separated list
// of clauses as in Python requirement specifiers (">=2.0, <3", "==2022.*",
// "!=1.4.2"), compared on the release part of a version ("2022.7.1" of
// "2022.7.1+dfsg-1"; pre- and post-release tags are ignored, since Debian's
// versions carry packaging suffixes that PEP 440 does not know).
#pragma once

#include <string>
#include <vector>

namespace freezer {

class VersionRange {
 public:
  // False with `err` ("'~2' is not a version clause") for text it cannot read.
  static bool Parse(const std::string& text, VersionRange* out, std::string* err);

  // True when `version` satisfies every clause; an empty range holds all.
  bool Contains(const std::string& version) const;
  const std::string& text() const { return text_; }

 private:
  enum class Op { kEq, kNe, kLt, kLe, kGt, kGe };
  struct Clause {
    Op op;
    std::vector<long> release;
    bool prefix = false;  // "==2.*": the first release numbers match
  };
  std::string text_;
  std::vector<Clause> clauses_;
};

// "2022.7.1+dfsg" -> {2022, 7, 1}: the leading dot-separated numbers.
std::vector<long> ReleaseNumbers(const std::string& version);

}  // namespace freezer
