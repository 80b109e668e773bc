// What discovery found in a module's code (its imports, the names in its
// strings, whether it reads __file__), stored beside its bytecode in the
// build cache, so a warm build neither unmarshals nor rescans a module
// whose cached bytecode it uses: 29% of a warm networkx build did both for
// 5,000 unchanged modules.
//
// A record is valid only for the bytecode it follows, the code filename
// and entry flag it was scanned with, and the freezer executable that
// wrote it (a new freezer may scan differently): all four are its key.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "freezer/graph/pyc_cache.h"

namespace freezer {

struct ScanKey {
  std::string code_filename;
  bool is_entry = false;
};

// `body` + the record + its length + a marker: what the cache entry holds
// after its pyc header.
std::string AppendScanRecord(std::string_view body, const ScanKey& key, const CompiledModule& scan);

// Splits a cache entry's part after the header into the bytecode and, when
// it carries a record whose key matches, the scan (imports, codec names,
// name strings, names_file). False when there is no record or it does not
// match; `body` is the bytecode either way.
bool SplitScanRecord(std::string_view stored, const ScanKey& key, std::string_view* body,
                     CompiledModule* scan);

// "dev:ino:size:mtime_ns": a file's identity in cache keys (the same path
// rewritten in place gets a new mtime; a replaced one a new inode).
std::string FileIdentity(uint64_t dev, uint64_t ino, uint64_t size, int64_t mtime_ns);

// The running freezer's identity (its executable's device, inode, size and
// modification time), part of every record's key.
const std::string& FreezerIdentity();

}  // namespace freezer
