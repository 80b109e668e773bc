// Zstandard frames (zip method 93): how the freezer compresses native code
// (extension modules and shared libraries, most of an app's bytes) and how
// the stub and the tools decompress it. zstd decompresses 3-4 times faster
// than inflate, and an app decompresses each native file once (into the
// shared cache, or a memfd). Decompression is in freezer_archive (the stub
// links it, statically); ZstdCompress is in freezer_archive_writer only, so
// the compressor never reaches the stub.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace payload {

// A zstd block holds at most 128 KiB and costs at least 4 bytes stored (an
// RLE block: 3-byte header and the byte), so a larger claimed size is a
// lie; checked up front, it bounds allocation.
inline constexpr uint64_t kMaxZstdRatio = (128u << 10) / 4;

// One zstd frame of `in` (content size and checksum recorded) into `out`,
// at `level` (0: by size, see zstd_compress.cc); false when zstd fails (the
// caller then stores).
bool ZstdCompress(std::string_view in, std::string* out, int level = 0);

// Decompresses the single frame `in` into exactly `out` (size n). Returns
// "" or why not.
std::string ZstdDecompress(std::span<const uint8_t> in, uint8_t* out, uint32_t n);

}  // namespace payload
