// Counts and sizes as people read them, for build summaries and listings.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

namespace freezer {

// "1 module", "3 modules".
inline std::string Plural(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// "812 B", "14.2 kB", "9.81 MB".
inline std::string HumanSize(uint64_t bytes) {
  char buf[32];
  if (bytes < 1000) snprintf(buf, sizeof buf, "%llu B", static_cast<unsigned long long>(bytes));
  else if (bytes < 1000 * 1000) snprintf(buf, sizeof buf, "%.1f kB", bytes / 1e3);
  else snprintf(buf, sizeof buf, "%.2f MB", bytes / 1e6);
  return buf;
}

// "GLIBC_2.34" -> "2.34".
inline std::string GlibcVersion(const std::string& floor) {
  return floor.rfind("GLIBC_", 0) == 0 ? floor.substr(6) : floor;
}

}  // namespace freezer
