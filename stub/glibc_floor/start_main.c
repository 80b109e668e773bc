/* __libc_start_main. glibc 2.34's crt1.o calls __libc_start_main@GLIBC_2.34
 * with no init function: that version runs the executable's DT_INIT and
 * DT_INIT_ARRAY itself. Older glibc (__libc_start_main@GLIBC_2.2.5) runs only
 * the init function it is given, which older crt1.o took from
 * libc_nonshared.a (__libc_csu_init). So this definition passes one: it runs
 * _init and the init array as __libc_csu_init did in a dynamically linked
 * program (the dynamic loader runs the preinit array; _dl_fini runs the fini
 * array on every version, so there is no fini function). glibc 2.34+ takes
 * the same path for programs linked before 2.34. */
#include <stddef.h>

#include "pin.h"

typedef int (*MainFn)(int, char**, char**);
typedef void (*InitFn)(int, char**, char**);

extern int floor_old_libc_start_main(MainFn main, int argc, char** argv, InitFn init,
                                     void (*fini)(void), void (*rtld_fini)(void), void* stack_end);
FLOOR_OLD(floor_old_libc_start_main, __libc_start_main, "GLIBC_2.2.5");

/* Defined by crti.o and the linker script. */
extern void _init(void);
extern InitFn __init_array_start[] __attribute__((visibility("hidden")));
extern InitFn __init_array_end[] __attribute__((visibility("hidden")));

static void RunInitializers(int argc, char** argv, char** envp) {
  _init();
  size_t n = (size_t)(__init_array_end - __init_array_start);
  for (size_t i = 0; i < n; i++) __init_array_start[i](argc, argv, envp);
}

int __libc_start_main(MainFn main, int argc, char** argv, InitFn init, void (*fini)(void),
                      void (*rtld_fini)(void), void* stack_end) {
  (void)init;  /* NULL from a 2.34+ crt1.o */
  (void)fini;
  return floor_old_libc_start_main(main, argc, argv, RunInitializers, NULL, rtld_fini,
                                   stack_end);
}
