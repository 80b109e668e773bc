// The stub's own std::terminate handler. libstdc++'s default one
// (__gnu_cxx::__verbose_terminate_handler) demangles the type of the
// uncaught exception, which links its whole demangler (44 KB in every app).
// Nothing in the stub lets an exception escape: this only ever runs for a
// bug, and then the message names the project and the process aborts as it
// would have.
#include <stdlib.h>
#include <unistd.h>

namespace __gnu_cxx {

void __verbose_terminate_handler() {
  static const char kMessage[] = "freezer: fatal: uncaught C++ exception in the app's launcher\n";
  ssize_t ignored = write(2, kMessage, sizeof kMessage - 1);
  (void)ignored;
  abort();
}

}  // namespace __gnu_cxx
