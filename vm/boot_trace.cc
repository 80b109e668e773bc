#include "vm/boot_trace.h"

#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace vm {

void BootTrace::Start() {
  const char* v = getenv("FREEZER_TRACE");
  enabled_ = v != nullptr && *v != '\0' && strcmp(v, "0") != 0;
  clock_gettime(CLOCK_MONOTONIC, &start_);
}

void BootTrace::Log(const char* fmt, ...) const {
  if (!enabled_) return;
  timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  double ms = (now.tv_sec - start_.tv_sec) * 1e3 + (now.tv_nsec - start_.tv_nsec) / 1e6;
  fprintf(stderr, "[freezer +%.3fms] ", ms);
  va_list ap;
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
}

}  // namespace vm
