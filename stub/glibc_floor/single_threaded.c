/* __libc_single_threaded (glibc 2.32): libstdc++ reads it to skip atomic
 * reference counting while a process has one thread. Older glibc has no such
 * variable, so the stub defines its own and leaves it 0, "maybe several
 * threads": libstdc++ then always uses atomics, which is correct everywhere
 * and what it did before 2.32. It is exported: a bundled libstdc++.so.6 whose need of
 * __libc_single_threaded@GLIBC_2.32 the freezer removed reads this one too,
 * on every glibc (so it always uses atomics as well). */
#include "pin.h"

FLOOR_EXPORT char __libc_single_threaded = 0;
