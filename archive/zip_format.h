// The zip records the payload is made of (PKWARE APPNOTE 6.3, no zip64):
// signatures, fixed sizes and the CRC-32 both the writer and the reader use.
#pragma once

#include <zlib.h>

#include <cstddef>
#include <cstdint>

namespace payload {

inline constexpr uint32_t kZipLocalHeaderSig = 0x04034b50;
inline constexpr uint32_t kZipCentralHeaderSig = 0x02014b50;
inline constexpr uint32_t kZipEndOfCentralDirSig = 0x06054b50;

// Fixed bytes of each record, before its variable-length name/extra/comment.
inline constexpr size_t kZipLocalHeaderSize = 30;
inline constexpr size_t kZipCentralHeaderSize = 46;
inline constexpr size_t kZipEndOfCentralDirSize = 22;

inline constexpr uint16_t kZipVersion = 20;        // 2.0: deflate, no zip64
inline constexpr uint16_t kZipFlagUtf8 = 1 << 11;  // general purpose bit 11
// Central header of an executable data file: "made by" a Unix host (3),
// external attributes S_IFREG | 0755 in the high half. Every other member
// says MS-DOS host (0) and no attributes.
inline constexpr uint16_t kZipMadeByUnix = (3 << 8) | kZipVersion;
inline constexpr uint32_t kZipExecutableAttributes = 0100755u << 16;

// The zip CRC-32 (zlib's).
inline uint32_t ZipCrc32(const void* p, size_t n) {
  return static_cast<uint32_t>(crc32_z(crc32_z(0, nullptr, 0), static_cast<const Bytef*>(p), n));
}

}  // namespace payload
