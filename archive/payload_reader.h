// Validates and reads a payload in memory (usually a mapped executable).
// Nothing here trusts the file: every offset and size is checked against the
// file before use, and entry bytes against their CRC-32.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "archive/payload_format.h"

namespace payload {

struct EntryView {
  std::string_view name;
  EntryKind kind;
  Compression compression;
  uint32_t stored_size;
  uint32_t size;
  uint32_t crc32;
  uint32_t crc32c;
  std::span<const uint8_t> stored;  // the bytes as stored in the file
};

class PayloadReader {
 public:
  enum class OpenResult { kOk, kNoPayload, kDamaged };

  // kNoPayload: the file ends without a trailer magic (a bare stub).
  // kDamaged: a trailer is there but something does not check out; `err`
  // says what ("index CRC mismatch", "entry 'x' out of bounds", ...).
  OpenResult Open(std::span<const uint8_t> file, std::string* err);

  const Trailer& trailer() const { return trailer_; }
  const IndexHeader& index_header() const { return header_; }
  // The recorded SHA-256 (the file's last 32 bytes). Open does not hash;
  // freezer verify (archive/payload_layout.h) does.
  std::span<const uint8_t, kDigestSize> digest() const {
    return std::span<const uint8_t, kDigestSize>(trailer_.sha256);
  }
  std::span<const uint8_t> file() const { return file_; }
  size_t size() const { return count_; }
  EntryView entry(size_t i) const;

  // Binary searches; -1 when absent.
  long FindModule(std::string_view dotted_name) const;
  long FindFile(std::string_view archive_path) const;

  // The entry's uncompressed bytes, checked: CRC-32C where the CPU computes
  // it (SSE4.2, ~20x faster than zlib's CRC-32), else the zip CRC-32.
  // `full_check` checks both (freezer verify). For stored entries `out`
  // points into the file and `storage` is untouched (no copy); deflated
  // and zstd entries are decompressed into `storage`.
  bool Read(size_t i, std::span<const uint8_t>* out,
            std::vector<uint8_t>* storage, std::string* err, bool full_check = false) const;

  // A member the freezer wrote for itself (manifests, the import graph) as
  // text. kAbsent leaves `err` empty; kDamaged says what did not check out.
  enum class TextResult { kOk, kAbsent, kDamaged };
  TextResult ReadText(std::string_view archive_path, std::string* text, std::string* err) const;

 private:
  long Find(bool module_kind, std::string_view name) const;

  std::span<const uint8_t> file_;
  Trailer trailer_{};
  IndexHeader header_{};
  const uint8_t* entries_ = nullptr;  // IndexEntry records (unaligned)
  const char* names_ = nullptr;
  uint32_t names_size_ = 0;
  size_t count_ = 0;
};

}  // namespace payload
