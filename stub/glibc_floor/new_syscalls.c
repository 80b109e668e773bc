/* Thin system-call wrappers glibc added after 2.17: getrandom and getentropy (2.25),
 * memfd_create and copy_file_range (2.27). glibc's own are the same thin
 * wrappers (copy_file_range has no emulation since 2.30): on a kernel
 * without the call they fail with ENOSYS, as glibc's do, and callers
 * (os.urandom, the native loader, shutil) handle that. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <errno.h>
#include <unistd.h>

#include "pin.h"

FLOOR_EXPORT ssize_t getrandom(void* buf, size_t len, unsigned int flags) {
  return syscall(SYS_getrandom, buf, len, flags);
}

FLOOR_EXPORT int memfd_create(const char* name, unsigned int flags) {
  return (int)syscall(SYS_memfd_create, name, flags);
}

FLOOR_EXPORT ssize_t copy_file_range(int fd_in, off_t* off_in, int fd_out, off_t* off_out, size_t len,
                        unsigned int flags) {
  return syscall(SYS_copy_file_range, fd_in, off_in, fd_out, off_out, len, flags);
}

/* As glibc's: at most 256 bytes, all of them or an error (EIO for more). */
FLOOR_EXPORT int getentropy(void* buf, size_t len) {
  if (len > 256) {
    errno = EIO;
    return -1;
  }
  unsigned char* p = buf;
  while (len > 0) {
    long r = syscall(SYS_getrandom, p, len, 0);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) return -1;
    p += r;
    len -= (size_t)r;
  }
  return 0;
}

/* reallocarray (2.26): realloc with the multiplication checked. */
FLOOR_EXPORT void* reallocarray(void* ptr, size_t n, size_t size) {
  size_t bytes;
  if (__builtin_mul_overflow(n, size, &bytes)) {
    errno = ENOMEM;
    return NULL;
  }
  return realloc(ptr, bytes);
}
