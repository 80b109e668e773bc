#include "freezer/closest_name.h"

#include <algorithm>

namespace freezer {

namespace {

size_t Distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

}  // namespace

std::string ClosestName(const std::string& word, const std::vector<std::string>& names) {
  std::string best;
  // Short words: 2 edits ("biuld" is a swap: 2); longer ones a quarter more.
  size_t best_d = std::max<size_t>(2, word.size() / 4) + 1;
  for (const std::string& n : names) {
    if (n == word) continue;
    size_t d = Distance(word, n);
    if (word.size() >= 4 && n.size() > word.size() && n.compare(0, word.size(), word) == 0) d = 1;
    if (d < best_d) best_d = d, best = n;
  }
  return best;
}

}  // namespace freezer
