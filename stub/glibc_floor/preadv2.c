/* preadv2/pwritev2 (glibc 2.26; os.preadv/os.pwritev with flags). As glibc
 * does, a kernel without the calls (before 4.6) still serves flags 0 with
 * preadv/pwritev, or readv/writev at offset -1 (the current position). */
#define _GNU_SOURCE
#include <errno.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "pin.h"

FLOOR_EXPORT ssize_t preadv64v2(int fd, const struct iovec* iov, int iovcnt, off_t offset, int flags) {
  /* The offset goes as (low, high) words; on x86_64 the low word is all of it. */
  ssize_t r = syscall(SYS_preadv2, fd, iov, iovcnt, (long)offset, 0L, flags);
  if (r >= 0 || errno != ENOSYS) return r;
  if (flags != 0) {
    errno = EOPNOTSUPP;
    return -1;
  }
  return offset == -1 ? readv(fd, iov, iovcnt) : preadv(fd, iov, iovcnt, offset);
}

FLOOR_EXPORT ssize_t pwritev64v2(int fd, const struct iovec* iov, int iovcnt, off_t offset, int flags) {
  ssize_t r = syscall(SYS_pwritev2, fd, iov, iovcnt, (long)offset, 0L, flags);
  if (r >= 0 || errno != ENOSYS) return r;
  if (flags != 0) {
    errno = EOPNOTSUPP;
    return -1;
  }
  return offset == -1 ? writev(fd, iov, iovcnt) : pwritev(fd, iov, iovcnt, offset);
}
