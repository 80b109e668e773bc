// Deflated payload members kept by content, so a build deflates only what it
// has not deflated before. The run-time codecs alone (1.5 MB of bytecode,
// bundled by every app) took half of a warm hello build's instructions to
// deflate again each time.
//
// An entry is <cache>/members/<first two hex digits>/<SHA-256 of the
// uncompressed bytes>.deflate: a raw deflate stream at the level of
// archive/deflate.h. A stream read back is inflated and compared with the
// member before it is used, so a damaged or foreign entry costs a deflate,
// never a wrong app. Entries are trusted by the bytecode cache's rules
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
  size_t deflated = 0;        // deflated now (and cached where possible)
  size_t rejected = 0;        // cache entries that did not inflate to the member
  size_t write_failures = 0;  // could not be cached
};

class CompressedMemberCache {
 public:
  // `dir`: the bytecode cache's directory, already found trustworthy; empty
  // for no cache (every member is deflated by the payload writer).
  CompressedMemberCache(Disk* disk, std::string dir);

  // Gives every entry to compress, of at least kMinCachedSize bytes, its
  // deflate stream (PayloadEntry::deflated): from the cache, or made now and
  // cached. Smaller members are left to the writer: reading a cache file
  // costs more than deflating them.
  void Fill(std::vector<payload::PayloadEntry>* entries);

  static constexpr size_t kMinCachedSize = 512;

  const CompressedMemberStats& stats() const { return stats_; }

  // The entry's path for `bytes` (empty without a cache).
  std::string EntryPath(const std::string& bytes) const;

 private:
  void FillOne(payload::PayloadEntry* e);

  Disk* disk_;
  std::string dir_;
  CacheTrust trust_;
  CompressedMemberStats stats_;
};

}  // namespace freezer
