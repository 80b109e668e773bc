// The read-only subcommands (list, verify, report, ...) open the app named
// on their command line the same way: mapped and validated, or one error
// line ("freezer: error: APP: damaged payload: ...") and exit status 1.
#pragma once

#include <string>

#include "freezer/app_reader.h"
#include "freezer/cli/diagnostics.h"

namespace freezer {

inline bool OpenAppOrSayWhy(const std::string& path, AppReader* app, bool whole_file = true) {
  std::string err;
  if (OpenApp(path, app, &err, whole_file)) return true;
  PrintError(err);
  return false;
}

}  // namespace freezer
