// Builds the bytes appended to a stub: zip members, the index member, the
// central directory and the end record whose comment is the Trailer.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "archive/payload_format.h"

namespace payload {

struct PayloadEntry {
  std::string name;      // module name for modules/packages, else archive path
  EntryKind kind = EntryKind::kData;
  std::string bytes;     // uncompressed content (a full pyc for modules)
  bool compress = false; // compressed with `method` when that makes it smaller
  // kDeflate (raw deflate, archive/deflate.h) or kZstd (one zstd frame,
  // archive/zstd.h: native code).
  Compression method = Compression::kDeflate;
  // kZstd's level; 0: ZstdCompress's choice for the member's size.
  int zstd_level = 0;
  // With `compress`: a stream of `bytes` in `method` made earlier (the
  // build's cache of compressed members), written as is instead of
  // compressing again. The caller vouches that it decompresses to `bytes`.
  std::string compressed;
  // A data file executable where it came from: its zip central header says
  // Unix mode 0755 (unzip and `freezer extract` keep the bit); others say
  // nothing (MS-DOS host, no attributes), as before.
  bool executable = false;
};

// Archive path of an entry: "a/b.pyc", "a/b/__init__.pyc", or `name` itself.
std::string ArchivePath(const PayloadEntry& e);

// Appends the payload for `entries` to `out`, which holds the stub the
// payload follows (`base_offset` bytes: every zip offset is a file offset,
// and the digest in the index covers the stub). Entries are written sorted by
// archive path, and every zip timestamp is `timestamp` (Unix seconds, UTC;
// negative: 1980-01-01 00:00, the zip epoch), so the output depends on
// nothing but the inputs. Fails on duplicate names, names that are empty,
// absolute or contain "..", or members over 4 GiB.
bool WritePayload(uint64_t base_offset, uint32_t python_magic,
                  std::vector<PayloadEntry> entries, std::string* out,
                  std::string* err, int64_t timestamp = -1);

}  // namespace payload
