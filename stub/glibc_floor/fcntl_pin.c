/* fcntl64 (glibc 2.28, where the headers started to call it for fcntl with
 * 64-bit offsets): on x86_64 it is fcntl itself, same arguments, same
 * struct flock. The trampoline keeps the variadic call intact. */
#include "pin.h"

/* Exported: fcntl64 is not the name it jumps to. */
FLOOR_EXPORTED_PIN_TO(fcntl64, fcntl, "GLIBC_2.2.5");
