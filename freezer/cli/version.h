// `freezer --version`: what a bug report needs to say which freezer it is.
#pragma once

#include <string>

namespace freezer {

// "freezer 0.1.0\nfreezes for Python 3.11.2 ...\nstub: PATH (needs glibc >= 2.34)\n":
// the glibc floor is read from the stub file the build would use, not
// assumed, so it follows however the stub was built.
std::string VersionText();

}  // namespace freezer
