#include "vm/child_key.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include <cstdint>

extern char** environ;

namespace vm {

bool IsWellFormedChildKey(std::string_view key) {
  if (key.size() != 32) return false;
  for (char c : key)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

bool IsPythonVariableName(std::string_view name) {
  if (name.size() <= 6 || name.substr(0, 6) != "PYTHON") return false;
  for (char c : name)
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

std::string ChildKeyValue(const std::string& key, const std::vector<std::string>& trusted_names) {
  std::string value = key;
  for (size_t i = 0; i < trusted_names.size(); ++i) value += (i ? "," : ":") + trusted_names[i];
  return value;
}

std::string TakeChildKey(std::vector<std::string>* trusted_names) {
  std::string key;
  bool found = false;
  if (!environ) return key;
  char** out = environ;
  for (char** e = environ; *e; ++e) {
    std::string_view entry(*e);
    if (entry.size() > kChildKeyVariable.size() && entry.substr(0, kChildKeyVariable.size()) == kChildKeyVariable &&
        entry[kChildKeyVariable.size()] == '=') {
      if (!found) key = entry.substr(kChildKeyVariable.size() + 1);
      found = true;
      // The strings are the process's initial environment block: wiped, the
      // key is not in /proc/<pid>/environ for whoever may read that.
      explicit_bzero(*e, entry.size());
      continue;
    }
    *out++ = *e;
  }
  *out = nullptr;
  size_t colon = key.find(':');
  std::string names = colon == std::string::npos ? "" : key.substr(colon + 1);
  if (colon != std::string::npos) key.resize(colon);
  if (trusted_names) trusted_names->clear();
  if (trusted_names && IsWellFormedChildKey(key)) {
    for (size_t start = 0; start < names.size();) {
      size_t end = names.find(',', start);
      if (end == std::string::npos) end = names.size();
      std::string name = names.substr(start, end - start);
      if (IsPythonVariableName(name)) trusted_names->push_back(name);
      start = end + 1;
    }
  }
  if (!IsWellFormedChildKey(key)) {
    explicit_bzero(key.data(), key.size());
    key.clear();
  }
  return key;
}

std::string NewChildKey() {
  uint8_t bytes[16];
  size_t got = 0;
  while (got < sizeof(bytes)) {
    ssize_t n = getrandom(bytes + got, sizeof(bytes) - got, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return "";
    got += static_cast<size_t>(n);
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string key;
  for (uint8_t b : bytes) {
    key += kHex[b >> 4];
    key += kHex[b & 15];
  }
  explicit_bzero(bytes, sizeof(bytes));
  return key;
}

}  // namespace vm
