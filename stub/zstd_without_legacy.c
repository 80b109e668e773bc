/* zstd's decoders of the pre-1.0 frame formats (v0.5-v0.7), left out of the
 * stub: Debian's libzstd.a is built with legacy support, so its
 * ZSTD_decompress references them and they would add 91 KB to every app.
 * The freezer writes only current frames; a member starting with a legacy
 * magic number is damage. These definitions come before libzstd.a on the
 * link line, so its zstd_v0N.o objects are never pulled in, and each one
 * answers as a decoder that cannot proceed: NULL for a context (zstd then
 * reports memory_allocation), a zstd error code for everything else, so
 * the reader fails with its one-line "damaged member" error.
 * The freezer and the tests link the real ones. */
#include <stddef.h>

#define LEGACY_ERROR ((size_t)-1) /* ZSTD_error_GENERIC */
#define CONTENTSIZE_ERROR (0ULL - 2) /* ZSTD_CONTENTSIZE_ERROR */

#define NO_LEGACY_VERSION(v)                                                                     \
  void* ZSTDv##v##_createDCtx(void) { return NULL; }                                             \
  size_t ZSTDv##v##_freeDCtx(void* ctx) { (void)ctx; return 0; }                                 \
  size_t ZSTDv##v##_decompress_usingDict(void* ctx, void* dst, size_t cap, const void* src,       \
                                         size_t size, const void* dict, size_t dict_size) {      \
    (void)ctx; (void)dst; (void)cap; (void)src; (void)size; (void)dict; (void)dict_size;          \
    return LEGACY_ERROR;                                                                         \
  }                                                                                              \
  void ZSTDv##v##_findFrameSizeInfoLegacy(const void* src, size_t size, size_t* compressed,      \
                                          unsigned long long* bound) {                           \
    (void)src; (void)size;                                                                       \
    *compressed = LEGACY_ERROR;                                                                  \
    *bound = CONTENTSIZE_ERROR;                                                                  \
  }                                                                                              \
  size_t ZSTDv##v##_getFrameParams(void* params, const void* src, size_t size) {                 \
    (void)params; (void)src; (void)size;                                                         \
    return LEGACY_ERROR;                                                                         \
  }                                                                                              \
  void* ZBUFFv##v##_createDCtx(void) { return NULL; }                                            \
  size_t ZBUFFv##v##_freeDCtx(void* ctx) { (void)ctx; return 0; }                                \
  size_t ZBUFFv##v##_decompressInitDictionary(void* ctx, const void* dict, size_t size) {        \
    (void)ctx; (void)dict; (void)size;                                                           \
    return LEGACY_ERROR;                                                                         \
  }                                                                                              \
  size_t ZBUFFv##v##_decompressContinue(void* ctx, void* dst, size_t* cap, const void* src,      \
                                        size_t* size) {                                          \
    (void)ctx; (void)dst; (void)cap; (void)src; (void)size;                                      \
    return LEGACY_ERROR;                                                                         \
  }

NO_LEGACY_VERSION(05)
NO_LEGACY_VERSION(06)
NO_LEGACY_VERSION(07)
