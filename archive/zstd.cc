#include "archive/zstd.h"

#include <pthread.h>
#include <zstd.h>
#include <zstd_errors.h>

namespace payload {

namespace {

// One decompression context per thread, made at its first frame and freed
// when the thread ends, not one per frame: a context is 96 KB of fresh
// memory (page faults) for every module imported from a zstd frame
// (build_collect.cc); the instructions are the same either way. A pthread key, not a C++ thread_local with a
// destructor: that needs __cxa_thread_atexit_impl, above the stub's glibc
// floor (docs/portability.md).
pthread_key_t dctx_key;
pthread_once_t dctx_key_once = PTHREAD_ONCE_INIT;

void MakeDctxKey() {
  pthread_key_create(&dctx_key, [](void* dctx) { ZSTD_freeDCtx(static_cast<ZSTD_DCtx*>(dctx)); });
}

ZSTD_DCtx* ThreadDctx() {
  pthread_once(&dctx_key_once, MakeDctxKey);
  auto* dctx = static_cast<ZSTD_DCtx*>(pthread_getspecific(dctx_key));
  if (!dctx && (dctx = ZSTD_createDCtx()) != nullptr && pthread_setspecific(dctx_key, dctx) != 0) {
    ZSTD_freeDCtx(dctx);
    dctx = nullptr;
  }
  return dctx;
}

}  // namespace

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
  ZSTD_DCtx* dctx = ThreadDctx();
  if (!dctx) return "cannot decompress: out of memory";
  size_t got = ZSTD_decompressDCtx(dctx, n != 0 ? out : &spare, n, in.data(), in.size());
  if (ZSTD_isError(got)) {
    if (ZSTD_getErrorCode(got) == ZSTD_error_dstSize_tooSmall) return "decompresses to more bytes than its size";
    if (ZSTD_getErrorCode(got) == ZSTD_error_checksum_wrong) return "zstd checksum mismatch";
    return std::string("zstd frame corrupt (") + ZSTD_getErrorName(got) + ")";
  }
  if (got != n) return "decompresses to fewer bytes than its size";
  return "";
}

}  // namespace payload
