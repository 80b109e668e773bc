// The body of the payload reader fuzz target, shared by the libFuzzer
// binary (FREEZER_FUZZ=ON) and the corpus replay unit test.
#pragma once

#include <cstdint>
#include <span>

namespace payload_fuzz {

// Opens `file` as an app and, when it opens, looks up and reads every entry
// (and parses the boot manifest). Aborts when the reader contradicts itself.
void FuzzPayload(std::span<const uint8_t> file);

}  // namespace payload_fuzz
