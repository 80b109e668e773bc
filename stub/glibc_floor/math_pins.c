/* libm functions that got a new version when glibc rewrote them without the
 * SVID error-handling wrapper: exp, exp2, log, log2, pow in glibc 2.29,
 * hypot in 2.35. The old versions are the same functions behind a wrapper
 * that, in the default POSIX mode, sets errno exactly as the new ones do
 * (ERANGE on overflow and on underflow to zero, EDOM on a domain error) and
 * returns the same values; on glibc 2.29+ the wrapper calls the new code. */
#include "pin.h"

FLOOR_PIN(exp, "GLIBC_2.2.5");
FLOOR_PIN(exp2, "GLIBC_2.2.5");
FLOOR_PIN(log, "GLIBC_2.2.5");
FLOOR_PIN(log2, "GLIBC_2.2.5");
FLOOR_PIN(pow, "GLIBC_2.2.5");
FLOOR_PIN(hypot, "GLIBC_2.2.5");
