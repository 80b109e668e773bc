/* explicit_bzero and its _FORTIFY_SOURCE form (glibc 2.25; hashlib and
 * OpenSSL-style code wipe secrets with it): memset that the compiler may
 * not drop, thanks to the empty asm that "reads" the buffer. */
#include <string.h>

#include "pin.h"

extern void __chk_fail(void) __attribute__((noreturn));

FLOOR_EXPORT void explicit_bzero(void* s, size_t n) {
  memset(s, 0, n);
  __asm__ __volatile__("" : : "r"(s) : "memory");
}

FLOOR_EXPORT void __explicit_bzero_chk(void* s, size_t n, size_t destlen) {
  if (destlen < n) __chk_fail();
  explicit_bzero(s, n);
}
