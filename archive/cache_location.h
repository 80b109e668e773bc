// Where per-user freezer caches live: the freezer's bytecode cache and the
// stub's private cache (native code, extracted packages) follow one rule.
#pragma once

#include <cstring>
#include <string>

namespace payload {

// $XDG_CACHE_HOME/freezer when XDG_CACHE_HOME is absolute, else
// $HOME/.cache/freezer when HOME is absolute and not "/"; empty otherwise
// (callers choose their own fallback). Relative values are ignored, as the
// XDG base-directory specification says.
inline std::string UserCacheBase(const char* xdg_cache_home, const char* home) {
  if (xdg_cache_home && xdg_cache_home[0] == '/') return std::string(xdg_cache_home) + "/freezer";
  if (home && home[0] == '/' && std::strcmp(home, "/") != 0)
    return std::string(home) + "/.cache/freezer";
  return "";
}

// The directory UserCacheBase is made in, which must exist already:
// $XDG_CACHE_HOME, or $HOME (~/.cache is made when missing). Neither is ever
// created: a HOME that does not exist (HOME=/nonexistent, as daemon users
// have) is no place for a cache. Empty when UserCacheBase is.
inline std::string UserCacheAnchor(const char* xdg_cache_home, const char* home) {
  std::string base = UserCacheBase(xdg_cache_home, home);
  if (base.empty()) return "";
  return xdg_cache_home && xdg_cache_home[0] == '/' ? std::string(xdg_cache_home)
                                                     : std::string(home);
}

}  // namespace payload
