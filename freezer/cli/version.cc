#include "freezer/cli/version.h"

#include <Python.h>

#include "freezer/disk.h"
#include "freezer/human_units.h"
#include "freezer/native/native_closure.h"
#include "freezer/stub_locator.h"

#ifndef FREEZER_VERSION
#error "FREEZER_VERSION comes from the project's version in CMakeLists.txt"
#endif

namespace freezer {

std::string VersionText() {
  // PY_VERSION is the libpython this freezer links: the stub links the same
  // static library, so it is the Python every app runs.
  std::string out = std::string("freezer ") + FREEZER_VERSION + "\n" +
                    "freezes for Python " + PY_VERSION +
                    " (Debian 12's libpython3.11; modules are found as /usr/bin/python3.11 finds them)\n";
  RealDisk disk;
  std::string stub, err;
  if (!LocateStub(&disk, "", &stub, &err)) return out + "stub: " + err;
  NativeResolver resolver(SystemLibraryDirs());
  if (!resolver.Add(stub, /*bundled=*/false, &err)) return out + "stub: " + stub + " (" + err + ")";
  const std::string& floor = resolver.closure().glibc_floor;
  return out + "stub: " + stub + " (apps need glibc >= " +
         (floor.empty() ? std::string("any version") : GlibcVersion(floor)) + ")";
}

}  // namespace freezer
