// A trace of every boot step on stderr, switched on by FREEZER_TRACE=1 in the
// environment (read once, before the interpreter starts). Off, it costs one
// branch per step.
#pragma once

#include <ctime>

namespace vm {

class BootTrace {
 public:
  // Reads FREEZER_TRACE and starts the clock the steps' times count from.
  void Start();
  // printf-style; prefixes "[freezer +<ms>] " and appends a newline.
  void Log(const char* fmt, ...) const __attribute__((format(printf, 2, 3)));

 private:
  bool enabled_ = false;
  timespec start_ = {};
};

}  // namespace vm
