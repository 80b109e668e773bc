// Loads extension modules from the payload without writing them to disk:
// each is copied into an anonymous memory file (memfd) and handed to CPython's
// own dlopen-based loader as /proc/self/fd/N.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace vm {

// Copies `bytes` into a sealed, close-on-exec memfd and returns its
// /proc/self/fd path. The fd stays open for the life of the process: the
// dynamic loader identifies libraries by path, so a path must never be reused.
bool MemfdPath(const std::string& name, std::span<const uint8_t> bytes,
               std::string* path, std::string* err);

}  // namespace vm
