/* sem_clockwait (glibc 2.30): CPython waits on a lock with a timeout with it,
 * against CLOCK_MONOTONIC. Older glibc has only sem_timedwait, whose deadline
 * is on CLOCK_REALTIME: the monotonic time left becomes a realtime deadline,
 * and a wait that times out early (the realtime clock jumped forward) waits
 * again for what is left. */
#define _GNU_SOURCE
#include <errno.h>
#include <semaphore.h>
#include <time.h>

#include "pin.h"

extern int floor_sem_timedwait(sem_t*, const struct timespec*);
FLOOR_OLD(floor_sem_timedwait, sem_timedwait, "GLIBC_2.2.5");

static long long Nanos(const struct timespec* t) {
  return (long long)t->tv_sec * 1000000000LL + t->tv_nsec;
}

FLOOR_EXPORT int sem_clockwait(sem_t* sem, clockid_t clock, const struct timespec* abstime) {
  if (abstime->tv_nsec < 0 || abstime->tv_nsec >= 1000000000L) {
    errno = EINVAL;
    return -1;
  }
  if (clock == CLOCK_REALTIME) return floor_sem_timedwait(sem, abstime);
  if (clock != CLOCK_MONOTONIC) {
    errno = EINVAL;
    return -1;
  }
  for (;;) {
    struct timespec mono, real;
    clock_gettime(CLOCK_MONOTONIC, &mono);
    long long left = Nanos(abstime) - Nanos(&mono);
    if (left < 0) left = 0;  /* still try once, as glibc does */
    clock_gettime(CLOCK_REALTIME, &real);
    long long deadline = Nanos(&real) + left;
    struct timespec rt = {(time_t)(deadline / 1000000000LL), (long)(deadline % 1000000000LL)};
    if (floor_sem_timedwait(sem, &rt) == 0) return 0;
    if (errno != ETIMEDOUT) return -1;
    clock_gettime(CLOCK_MONOTONIC, &mono);
    if (Nanos(&mono) >= Nanos(abstime)) return -1;  /* errno is ETIMEDOUT */
  }
}
