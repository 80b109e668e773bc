/* Thin system-call wrappers glibc added after 2.17: getrandom (2.25),
 * memfd_create and copy_file_range (2.27). glibc's own are the same thin
 * wrappers (copy_file_range has no emulation since 2.30): on a kernel
 * without the call they fail with ENOSYS, as glibc's do, and callers
 * (os.urandom, the native loader, shutil) handle that. */
#define _GNU_SOURCE
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

ssize_t getrandom(void* buf, size_t len, unsigned int flags) {
  return syscall(SYS_getrandom, buf, len, flags);
}

int memfd_create(const char* name, unsigned int flags) {
  return (int)syscall(SYS_memfd_create, name, flags);
}

ssize_t copy_file_range(int fd_in, off_t* off_in, int fd_out, off_t* off_out, size_t len,
                        unsigned int flags) {
  return syscall(SYS_copy_file_range, fd_in, off_in, fd_out, off_out, len, flags);
}
