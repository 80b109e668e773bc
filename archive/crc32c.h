// CRC-32C (Castagnoli), the per-entry check the stub runs on every import:
// with SSE4.2's crc32 instruction it costs a fraction of zlib's CRC-32 (which
// the zip format needs and `freezer verify` checks), so checking what is
// about to run stays cheap even for multi-megabyte shared libraries.
#pragma once

#include <cstddef>
#include <cstdint>

namespace payload {

uint32_t Crc32c(const uint8_t* data, size_t size);
// Whether Crc32c runs on the crc32 instruction here (else a table).
bool Crc32cIsHardware();

}  // namespace payload
