/* Pinning a glibc function to an old symbol version.
 *
 * A reference to a glibc function binds, at link time, to the newest
 * ("default") version the build machine's libc.so.6 exports: Debian 12's
 * libpython3.11.a and libstdc++ were compiled there, so they ask for
 * pthread_create@GLIBC_2.34, exp@GLIBC_2.29 and so on, and the stub would not
 * start on an older glibc. FLOOR_PIN(name, "GLIBC_x.y") defines `name` in the
 * stub as one jump to `name@GLIBC_x.y`, an older version of the same function
 * with the same ABI that every glibc since x.y exports; the references of the
 * prebuilt archives then bind to this definition instead of the shared one.
 * The jump goes through the GOT entry of the versioned symbol (no PLT), so a
 * call costs one direct jump more than before. The trampoline touches no
 * register, so it suits any signature, variadic ones included.
 *
 * Every definition here is hidden. ld would otherwise export an executable's
 * definition of a name a shared library also defines, and the stub's own
 * lookup of `name@GLIBC_x.y` would then find the stub's `name` first (an
 * unversioned definition answers any version) and jump to itself forever.
 * The .c files are compiled with -fvisibility=hidden for the same reason.
 *
 * Pick the newest version at or below the floor whose ABI is today's: old
 * versions are sometimes a different ABI (pthread_cond_*@GLIBC_2.2.5 is
 * LinuxThreads' condition variable; @GLIBC_2.3.2 is NPTL's, today's).
 * stub/CMakeLists.txt checks the linked stub for any version above the floor. */
#ifndef FREEZER_STUB_GLIBC_FLOOR_PIN_H_
#define FREEZER_STUB_GLIBC_FLOOR_PIN_H_

#define FLOOR_PIN(name, version) FLOOR_PIN_TO(name, name, version)

/* The trampoline: `name` jumps to `target@version`; `visibility` is a
 * ".hidden name" line, or empty to export it. */
#define FLOOR_PIN_TRAMPOLINE_(name, target, version, visibility)   \
  __asm__(".pushsection .text." #name ",\"ax\",@progbits\n"        \
          ".globl " #name "\n"                                     \
          visibility                                               \
          ".type " #name ", @function\n"                           \
          ".p2align 4\n" #name ":\n"                               \
          "  jmp *floor_old_" #name "@GOTPCREL(%rip)\n"            \
          ".size " #name ", .-" #name "\n"                         \
          ".popsection\n"                                          \
          ".symver floor_old_" #name ", " #target "@" version "\n")

/* `name` jumps to `target@version` (a function glibc renamed). */
#define FLOOR_PIN_TO(name, target, version) \
  FLOOR_PIN_TRAMPOLINE_(name, target, version, ".hidden " #name "\n")

/* As FLOOR_PIN_TO, exported: for a pin whose name is not its target's
 * (fcntl64 -> fcntl), so the stub's own lookup of the target never finds it.
 * Bundled libraries then bind to it (exports.list). */
#define FLOOR_EXPORTED_PIN_TO(name, target, version) FLOOR_PIN_TRAMPOLINE_(name, target, version, "")

/* A polyfill the stub exports (listed in exports.list): bundled libraries
 * whose need of a version newer than the floor the freezer removed bind to
 * it (freezer/native/glibc_lowering.h). Only functions that are not pins:
 * an exported pin would answer the stub's own lookup of its old version. */
#define FLOOR_EXPORT __attribute__((visibility("default")))

/* Declares `local` as the old versioned `name`, for polyfills that call it. */
#define FLOOR_OLD(local, name, version) \
  __asm__(".symver " #local ", " #name "@" version)

#endif
