// A trace of every boot step on stderr, switched on by FREEZER_TRACE=1 in the
// environment (read once, before the interpreter starts). Off, it costs one
// branch per step.
#pragma once

namespace vm {

void InitBootTrace();
// printf-style; prefixes "[freezer +<ms>] " and appends a newline.
void BootTrace(const char* fmt, ...) __attribute__((format(printf, 1, 2)));

}  // namespace vm
