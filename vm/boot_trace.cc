#include "vm/boot_trace.h"

#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>

namespace vm {

namespace {
bool g_enabled = false;
timespec g_start;
}  // namespace

void InitBootTrace() {
  const char* v = getenv("FREEZER_TRACE");
  g_enabled = v != nullptr && *v != '\0' && strcmp(v, "0") != 0;
  clock_gettime(CLOCK_MONOTONIC, &g_start);
}

void BootTrace(const char* fmt, ...) {
  if (!g_enabled) return;
  timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  double ms = (now.tv_sec - g_start.tv_sec) * 1e3 +
              (now.tv_nsec - g_start.tv_nsec) / 1e6;
  fprintf(stderr, "[freezer +%.3fms] ", ms);
  va_list ap;
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
}

}  // namespace vm
