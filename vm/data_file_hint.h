// An app's data files are inside its one file: open(<app>/pkg/data.json)
// fails with NotADirectoryError, as it does for a zip import. When such an
// error ends the program, a hint after the traceback names the ways that
// work. Only then: code that catches the exception sees exactly what python
// would give it (the same type, errno, message and no notes).
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "vm/app.h"

namespace vm {

// The hint for an OSError of `errno_value` on `filename` ("" when it is no
// path inside the app at `app_path`). `is_bundled(rel)` says whether the app
// holds the data file `rel`; `is_package(name)` whether `name` is a bundled
// package. No CPython here (tested in vm_test).
std::string DataFileHintFor(const std::string& app_path, int errno_value, std::string_view filename,
                            const std::function<bool(std::string_view)>& is_bundled,
                            const std::function<bool(std::string_view)>& is_package);

// The hint for the exception being raised (kept raised), looking through
// its __cause__/__context__ chain; "" when none applies.
std::string DataFileHint(const App& app);

}  // namespace vm
