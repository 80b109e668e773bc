// Compressed payload members kept by content, so a build compresses only
// what it has not compressed before. The run-time codecs alone (1.5 MB of
// bytecode, bundled by every app) took half of a warm hello build's
// instructions to deflate again each time; a numpy app's 30 MB of native
// code takes 1.6 s to zstd-compress.
//
// An entry is <cache>/members/<first two hex digits>/<SHA-256 of the
// uncompressed bytes>.deflate (a raw deflate stream at the level of
// archive/deflate.h) or .zst (a zstd frame at the level of archive/zstd.h).
// A stream read back is decompressed and compared with the member before it
// is used, so a damaged or foreign entry costs a compression, never a wrong
// app. Entries are trusted by the bytecode cache's rules
// (freezer/graph/cache_trust.h).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "archive/payload_writer.h"
#include "freezer/disk.h"
#include "freezer/graph/cache_trust.h"

namespace freezer {

struct CompressedMemberStats {
  size_t hits = 0;            // streams taken from the cache
  size_t compressed = 0;      // compressed now (and cached where possible)
  size_t rejected = 0;        // cache entries that did not decompress to the member
  size_t write_failures = 0;  // could not be cached
};

class CompressedMemberCache {
 public:
  // `dir`: the bytecode cache's directory, already found trustworthy; empty
  // for no cache (every member is compressed by the payload writer).
  CompressedMemberCache(Disk* disk, std::string dir);

  // Gives every entry to compress, of at least kMinCachedSize bytes, its
  // stream in its method (PayloadEntry::compressed): from the cache, or made
  // now and cached. Smaller members are left to the writer: reading a cache
  // file costs more than compressing them.
  void Fill(std::vector<payload::PayloadEntry>* entries);

  static constexpr size_t kMinCachedSize = 512;

  const CompressedMemberStats& stats() const { return stats_; }

  // The entry's path for `bytes` compressed with `method` (empty without a
  // cache).
  std::string EntryPath(const std::string& bytes,
                        payload::Compression method = payload::Compression::kDeflate) const;

 private:
  void FillOne(payload::PayloadEntry* e);

  Disk* disk_;
  std::string dir_;
  CacheTrust trust_;
  CompressedMemberStats stats_;
};

}  // namespace freezer
