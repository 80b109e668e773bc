/* stat, fstat, lstat, fstatat, mknod, mknodat and their *64 names (the same
 * functions on x86_64). glibc 2.33 made them exported functions; before, the
 * headers turned each call into __xstat(_STAT_VER, ...) and friends, which
 * every glibc still exports at GLIBC_2.2.5 (the *at ones at GLIBC_2.4).
 * These definitions make the same calls the old headers made. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "pin.h"

/* x86_64's values of the old headers' _STAT_VER and _MKNOD_VER. */
enum { kStatVer = 1, kMknodVer = 0 };

extern int floor_xstat(int, const char*, struct stat*);
extern int floor_lxstat(int, const char*, struct stat*);
extern int floor_fxstat(int, int, struct stat*);
extern int floor_fxstatat(int, int, const char*, struct stat*, int);
extern int floor_xmknod(int, const char*, mode_t, dev_t*);
extern int floor_xmknodat(int, int, const char*, mode_t, dev_t*);
FLOOR_OLD(floor_xstat, __xstat, "GLIBC_2.2.5");
FLOOR_OLD(floor_lxstat, __lxstat, "GLIBC_2.2.5");
FLOOR_OLD(floor_fxstat, __fxstat, "GLIBC_2.2.5");
FLOOR_OLD(floor_fxstatat, __fxstatat, "GLIBC_2.4");
FLOOR_OLD(floor_xmknod, __xmknod, "GLIBC_2.2.5");
FLOOR_OLD(floor_xmknodat, __xmknodat, "GLIBC_2.4");

FLOOR_EXPORT int stat(const char* path, struct stat* st) { return floor_xstat(kStatVer, path, st); }
FLOOR_EXPORT int lstat(const char* path, struct stat* st) { return floor_lxstat(kStatVer, path, st); }
FLOOR_EXPORT int fstat(int fd, struct stat* st) { return floor_fxstat(kStatVer, fd, st); }
FLOOR_EXPORT int fstatat(int dirfd, const char* path, struct stat* st, int flags) {
  return floor_fxstatat(kStatVer, dirfd, path, st, flags);
}
FLOOR_EXPORT int mknod(const char* path, mode_t mode, dev_t dev) { return floor_xmknod(kMknodVer, path, mode, &dev); }
FLOOR_EXPORT int mknodat(int dirfd, const char* path, mode_t mode, dev_t dev) {
  return floor_xmknodat(kMknodVer, dirfd, path, mode, &dev);
}

/* struct stat64 is struct stat on x86_64. */
_Static_assert(sizeof(struct stat64) == sizeof(struct stat), "x86_64 stat64 is stat");
FLOOR_EXPORT int stat64(const char* path, struct stat64* st) { return stat(path, (struct stat*)st); }
FLOOR_EXPORT int lstat64(const char* path, struct stat64* st) { return lstat(path, (struct stat*)st); }
FLOOR_EXPORT int fstat64(int fd, struct stat64* st) { return fstat(fd, (struct stat*)st); }
FLOOR_EXPORT int fstatat64(int dirfd, const char* path, struct stat64* st, int flags) {
  return fstatat(dirfd, path, (struct stat*)st, flags);
}
