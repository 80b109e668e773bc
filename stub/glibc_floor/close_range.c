/* close_range (glibc 2.34; the system call is Linux 5.9). CPython's
 * os.closerange and subprocess call it and fall back to their own loop when
 * it fails, but the fallback here keeps the function's promise on any kernel:
 * flags 0 closes each descriptor, CLOSE_RANGE_CLOEXEC marks each one. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SYS_close_range
#define SYS_close_range 436
#endif
#define FLOOR_CLOSE_RANGE_CLOEXEC 4u

#include "pin.h"

FLOOR_EXPORT int close_range(unsigned int first, unsigned int last, int flags) {
  long r = syscall(SYS_close_range, first, last, flags);
  if (r == 0 || errno != ENOSYS) return (int)r;
  if (first > last || (flags & ~(int)FLOOR_CLOSE_RANGE_CLOEXEC) != 0) {
    errno = EINVAL;
    return -1;
  }
  /* No descriptor can be at or above the hard limit of open files. */
  struct rlimit rl;
  unsigned long end = (unsigned long)last + 1;
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_max != RLIM_INFINITY && rl.rlim_max < end)
    end = rl.rlim_max;
  for (unsigned long fd = first; fd < end; fd++) {
    if (flags & FLOOR_CLOSE_RANGE_CLOEXEC) {
      int fl = fcntl((int)fd, F_GETFD);
      if (fl >= 0) fcntl((int)fd, F_SETFD, fl | FD_CLOEXEC);
    } else {
      close((int)fd);
    }
  }
  return 0;
}
