/* arc4random_buf and arc4random (glibc 2.36; the static expat seeds its hash salt with it):
 * bytes from the getrandom system call (Linux 3.17), else /dev/urandom. Like
 * glibc's, it cannot fail: with neither source it aborts. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "pin.h"

static int FromUrandom(unsigned char* p, size_t n) {
  int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  while (n > 0) {
    ssize_t r = read(fd, p, n);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) {
      close(fd);
      return -1;
    }
    p += r;
    n -= (size_t)r;
  }
  close(fd);
  return 0;
}

FLOOR_EXPORT void arc4random_buf(void* buf, size_t n) {
  unsigned char* p = buf;
  while (n > 0) {
    long r = syscall(SYS_getrandom, p, n, 0);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) {
      if (FromUrandom(p, n) != 0) abort();
      return;
    }
    p += r;
    n -= (size_t)r;
  }
}

/* libstdc++'s std::random_device("arc4random"). */
FLOOR_EXPORT uint32_t arc4random(void) {
  uint32_t r;
  arc4random_buf(&r, sizeof r);
  return r;
}
