/* dlopen and friends at their libdl.so.2 versions: glibc 2.34 moved libdl
 * into libc with new GLIBC_2.34 versions. Older glibc has them only in
 * libdl.so.2, a DT_NEEDED of the stub. */
#include "pin.h"

FLOOR_PIN(dlopen, "GLIBC_2.2.5");
FLOOR_PIN(dlsym, "GLIBC_2.2.5");
FLOOR_PIN(dlerror, "GLIBC_2.2.5");
