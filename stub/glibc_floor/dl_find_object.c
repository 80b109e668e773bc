/* _dl_find_object (glibc 2.35): the C++/libgcc unwinder of GCC 12 asks it
 * for the object holding a code address and that object's PT_GNU_EH_FRAME.
 * GCC 12's libgcc_eh.a (linked statically into the stub) calls nothing else:
 * when it answers "not found" the unwinder gives up (no dl_iterate_phdr
 * fallback is compiled in), so this must find every object the real one
 * finds. It walks the loaded objects with dl_iterate_phdr (every glibc),
 * as the unwinder itself did before 2.35. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "pin.h"

extern int floor_dladdr1(const void*, Dl_info*, void**, int);
FLOOR_OLD(floor_dladdr1, dladdr1, "GLIBC_2.3.3");

struct Search {
  uintptr_t pc;
  int found;
  uintptr_t start, end, eh_frame;
};

static int Visit(struct dl_phdr_info* info, size_t size, void* data) {
  (void)size;
  struct Search* s = data;
  uintptr_t start = UINTPTR_MAX, end = 0, eh = 0;
  int holds = 0;
  for (ElfW(Half) i = 0; i < info->dlpi_phnum; i++) {
    const ElfW(Phdr)* ph = &info->dlpi_phdr[i];
    uintptr_t lo = info->dlpi_addr + ph->p_vaddr;
    if (ph->p_type == PT_LOAD) {
      uintptr_t hi = lo + ph->p_memsz;
      if (s->pc >= lo && s->pc < hi) holds = 1;
      if (lo < start) start = lo;
      if (hi > end) end = hi;
    } else if (ph->p_type == PT_GNU_EH_FRAME) {
      eh = lo;
    }
  }
  if (!holds) return 0;
  s->found = 1;
  s->start = start;
  s->end = end;
  s->eh_frame = eh;
  return 1;
}

FLOOR_EXPORT int _dl_find_object(void* pc, struct dl_find_object* result) {
  struct Search s = {(uintptr_t)pc, 0, 0, 0, 0};
  dl_iterate_phdr(Visit, &s);
  if (!s.found) return -1;
  memset(result, 0, sizeof *result);
  result->dlfo_map_start = (void*)s.start;
  result->dlfo_map_end = (void*)s.end;
  result->dlfo_eh_frame = (void*)s.eh_frame;
  /* Outside dl_iterate_phdr: dladdr1 takes the loader's lock. */
  Dl_info info;
  void* map = NULL;
  if (floor_dladdr1(pc, &info, &map, RTLD_DL_LINKMAP) != 0)
    result->dlfo_link_map = map;
  return 0;
}
