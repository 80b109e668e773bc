#include <zstd.h>

#include "archive/zstd.h"

namespace payload {

// Level 9: measured on numpy's _multiarray_umath (4.7 MB), level 9 stores
// 1.31 MB in 0.25 s, level 19 1.15 MB (12% less) in 6.4 s; a numpy app's
// 30 MB of native code would take 40 s at 19 on its first build. Warm builds
// take the stream from the member cache either way.
constexpr int kZstdLevel = 9;
// Small files (most extensions: every app's CJK codecs, hello's only native
// code) at level 19: 7% smaller for a few tens of milliseconds each.
constexpr size_t kSmallFile = 512u << 10;
constexpr int kSmallFileZstdLevel = 19;

bool ZstdCompress(std::string_view in, std::string* out, int level) {
  if (level == 0) level = in.size() <= kSmallFile ? kSmallFileZstdLevel : kZstdLevel;
  ZSTD_CCtx* cctx = ZSTD_createCCtx();
  if (!cctx) return false;
  bool ok = !ZSTD_isError(ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, level)) &&
            !ZSTD_isError(ZSTD_CCtx_setParameter(cctx, ZSTD_c_checksumFlag, 1)) &&
            !ZSTD_isError(ZSTD_CCtx_setParameter(cctx, ZSTD_c_contentSizeFlag, 1));
  if (ok) {
    out->resize(ZSTD_compressBound(in.size()));
    size_t n = ZSTD_compress2(cctx, out->data(), out->size(), in.data(), in.size());
    ok = !ZSTD_isError(n);
    out->resize(ok ? n : 0);
  }
  ZSTD_freeCCtx(cctx);
  return ok;
}

}  // namespace payload
