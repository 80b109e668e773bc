/* The libpthread functions the stub calls, at their versions from before
 * glibc 2.34 moved libpthread into libc (and gave every function a new
 * GLIBC_2.34 version there; pthread_sigmask got GLIBC_2.32 in libc). The old
 * versions are the same functions: glibc 2.34+ still exports them from
 * libc.so.6, older glibc from libpthread.so.0, which the stub lists as
 * DT_NEEDED before libc.so.6 for that reason. */
#include "pin.h"

FLOOR_PIN(pthread_create, "GLIBC_2.2.5");
FLOOR_PIN(pthread_detach, "GLIBC_2.2.5");
FLOOR_PIN(pthread_kill, "GLIBC_2.2.5");
FLOOR_PIN(pthread_once, "GLIBC_2.2.5");
FLOOR_PIN(pthread_getcpuclockid, "GLIBC_2.2.5");
FLOOR_PIN(pthread_attr_setstacksize, "GLIBC_2.2.5");
FLOOR_PIN(pthread_key_create, "GLIBC_2.2.5");
FLOOR_PIN(__pthread_key_create, "GLIBC_2.2.5");
FLOOR_PIN(pthread_key_delete, "GLIBC_2.2.5");
FLOOR_PIN(pthread_getspecific, "GLIBC_2.2.5");
FLOOR_PIN(pthread_setspecific, "GLIBC_2.2.5");
FLOOR_PIN(pthread_sigmask, "GLIBC_2.2.5");
/* 2.3.3, not 2.2.5: added with the NPTL condition variables. */
FLOOR_PIN(pthread_condattr_setclock, "GLIBC_2.3.3");
/* x86_64 has one semaphore ABI; GLIBC_2.2.5 is it. */
FLOOR_PIN(sem_init, "GLIBC_2.2.5");
FLOOR_PIN(sem_destroy, "GLIBC_2.2.5");
FLOOR_PIN(sem_post, "GLIBC_2.2.5");
FLOOR_PIN(sem_wait, "GLIBC_2.2.5");
FLOOR_PIN(sem_trywait, "GLIBC_2.2.5");
