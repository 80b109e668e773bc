/* For glibc_floor_test only: a shared library whose references carry glibc
 * versions (getentropy@GLIBC_2.25, stat@GLIBC_2.33, memfd_create@GLIBC_2.27,
 * linked against the build machine's glibc), as a bundled library's do. */
#define _GNU_SOURCE
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

void* versioned_getentropy(void) { return (void*)&getentropy; }
void* versioned_stat(void) { return (void*)&stat; }
void* versioned_memfd_create(void) { return (void*)&memfd_create; }
