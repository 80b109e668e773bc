#include "archive/zstd.h"

#include <zstd.h>
#include <zstd_errors.h>

namespace payload {

std::string ZstdDecompress(std::span<const uint8_t> in, uint8_t* out, uint32_t n) {
  // One frame, whose recorded size must be the member's: the frame size
  // says where it ends, so nothing may follow it.
  size_t frame = ZSTD_findFrameCompressedSize(in.data(), in.size());
  if (ZSTD_isError(frame)) return "zstd frame truncated or corrupt";
  if (frame != in.size()) return "has bytes after its zstd frame";
  unsigned long long content = ZSTD_getFrameContentSize(in.data(), in.size());
  if (content != ZSTD_CONTENTSIZE_UNKNOWN && content != n)
    return content < n ? "decompresses to fewer bytes than its size"
                       : "decompresses to more bytes than its size";
  uint8_t spare = 0;  // a valid output pointer even when n == 0
  size_t got = ZSTD_decompress(n != 0 ? out : &spare, n, in.data(), in.size());
  if (ZSTD_isError(got)) {
    if (ZSTD_getErrorCode(got) == ZSTD_error_dstSize_tooSmall) return "decompresses to more bytes than its size";
    if (ZSTD_getErrorCode(got) == ZSTD_error_checksum_wrong) return "zstd checksum mismatch";
    return std::string("zstd frame corrupt (") + ZSTD_getErrorName(got) + ")";
  }
  if (got != n) return "decompresses to fewer bytes than its size";
  return "";
}

}  // namespace payload
