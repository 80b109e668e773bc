#include "archive/payload_reader.h"

#include <cstddef>
#include <cstring>

#include "archive/crc32c.h"
#include "archive/deflate.h"
#include "archive/zip_format.h"
#include "archive/zstd.h"

namespace payload {
namespace {

// Deflate cannot expand by more than 1032:1 (2 bits per 258-byte match), so
// a larger claimed size is a lie; checking it up front bounds allocation.
constexpr uint64_t kMaxDeflateRatio = 1032;

uint32_t Crc(const void* p, size_t n) { return ZipCrc32(p, n); }

std::string Quote(std::string_view s) {
  std::string q = "'";
  q.append(s);
  q += '\'';
  return q;
}

int KeyOf(uint8_t kind) { return IsModuleKind(static_cast<EntryKind>(kind)) ? 0 : 1; }

// Three-way compare of (key, name) pairs, names bytewise.
int Compare(int ka, std::string_view a, int kb, std::string_view b) {
  if (ka != kb) return ka < kb ? -1 : 1;
  int c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

bool KnownKind(uint8_t k) {
  return k >= static_cast<uint8_t>(EntryKind::kModule) &&
         k <= static_cast<uint8_t>(EntryKind::kBootConfig);
}

bool KnownCompression(uint8_t c) {
  return c == static_cast<uint8_t>(Compression::kStored) ||
         c == static_cast<uint8_t>(Compression::kDeflate) ||
         c == static_cast<uint8_t>(Compression::kZstd);
}

}  // namespace

PayloadReader::OpenResult PayloadReader::Open(std::span<const uint8_t> file,
                                              std::string* err) {
  *this = PayloadReader();
  const size_t fsize = file.size();
  if (fsize < kZipEndOfCentralDirSize + sizeof(Trailer)) {
    *err = "no payload (file too small)";
    return OpenResult::kNoPayload;
  }
  auto damaged = [&](std::string msg) {
    *this = PayloadReader();
    *err = std::move(msg);
    return OpenResult::kDamaged;
  };
  auto unsupported = [&](uint32_t version) {
    return damaged("payload format version " + std::to_string(version) +
                   " is not supported (this program reads version " +
                   std::to_string(kFormatVersion) + ")");
  };
  const uint8_t* tp = file.data() + fsize - sizeof(Trailer);
  if (std::memcmp(tp, kTrailerMagic, sizeof kTrailerMagic) != 0) {
    // A version-1 app kept a shorter trailer: name its version rather than
    // calling it a bare stub.
    const uint8_t* old = file.data() + fsize - kTrailerSizeV1;
    uint32_t version, crc;
    std::memcpy(&version, old + sizeof kTrailerMagic, 4);
    std::memcpy(&crc, old + kTrailerCrcCovered, 4);
    if (std::memcmp(old, kTrailerMagic, sizeof kTrailerMagic) == 0 && version != kFormatVersion &&
        Crc(old, kTrailerCrcCovered) == crc)
      return unsupported(version);
    *err = "no payload (no trailer)";
    return OpenResult::kNoPayload;
  }

  Trailer t;
  std::memcpy(&t, tp, sizeof t);
  if (Crc(tp, kTrailerCrcCovered) != t.trailer_crc32) return damaged("trailer CRC mismatch");
  if (t.format_version != kFormatVersion) return unsupported(t.format_version);

  const size_t eocd = fsize - sizeof(Trailer) - kZipEndOfCentralDirSize;
  uint32_t sig;
  uint16_t comment_size;
  std::memcpy(&sig, file.data() + eocd, 4);
  std::memcpy(&comment_size, file.data() + eocd + 20, 2);
  if (sig != kZipEndOfCentralDirSig) return damaged("zip end of central directory record missing");
  if (comment_size != sizeof(Trailer))
    return damaged("zip comment is " + std::to_string(comment_size) +
                   " bytes, not the " + std::to_string(sizeof(Trailer)) + "-byte trailer");

  if (t.payload_offset > eocd || t.payload_size != fsize - t.payload_offset)
    return damaged("payload offset/size do not match the file size");
  if (t.index_offset < t.payload_offset || t.index_offset > eocd ||
      t.index_size > eocd - t.index_offset)
    return damaged("index out of bounds");
  const uint8_t* index = file.data() + t.index_offset;
  if (Crc(index, t.index_size) != t.index_crc32) return damaged("index CRC mismatch");

  IndexHeader h;
  if (t.index_size < sizeof h) return damaged("index too small");
  std::memcpy(&h, index, sizeof h);
  if (std::memcmp(h.magic, kIndexMagic, sizeof h.magic) != 0)
    return damaged("bad index magic");
  if (h.entry_count != t.entry_count)
    return damaged("index has " + std::to_string(h.entry_count) +
                   " entries, trailer says " + std::to_string(t.entry_count));
  // All three terms fit in 64 bits without overflow (32-bit factors).
  const uint64_t table = uint64_t{h.entry_count} * sizeof(IndexEntry);
  if (sizeof h + table + uint64_t{h.names_size} != t.index_size)
    return damaged("index sizes do not add up");
  // Members lie before the index member's local header (index_offset >=
  // payload_offset: no wrap).
  if (t.index_offset - t.payload_offset < kIndexLocalHeaderSize)
    return damaged("index out of bounds");
  const uint64_t members_end = t.index_offset - kIndexLocalHeaderSize;

  file_ = file;
  trailer_ = t;
  header_ = h;
  entries_ = index + sizeof h;
  names_ = reinterpret_cast<const char*>(entries_ + table);
  names_size_ = h.names_size;
  count_ = h.entry_count;

  int prev_key = 0;
  std::string_view prev_name;
  for (size_t i = 0; i < count_; ++i) {
    IndexEntry e;
    std::memcpy(&e, entries_ + i * sizeof e, sizeof e);
    if (e.name_size == 0 || e.name_offset > names_size_ ||
        e.name_size > names_size_ - e.name_offset)
      return damaged("entry #" + std::to_string(i) + " name out of bounds");
    std::string_view name(names_ + e.name_offset, e.name_size);
    if (!KnownKind(e.kind))
      return damaged("entry " + Quote(name) + " has unknown kind " +
                     std::to_string(e.kind));
    if (!KnownCompression(e.compression))
      return damaged("entry " + Quote(name) + " has unknown compression " +
                     std::to_string(e.compression));
    if (e.data_offset < t.payload_offset || e.data_offset > members_end ||
        e.stored_size > members_end - e.data_offset)
      return damaged("entry " + Quote(name) + " out of bounds");
    const uint64_t max_ratio =
        e.compression == static_cast<uint8_t>(Compression::kZstd) ? kMaxZstdRatio : kMaxDeflateRatio;
    if (e.compression == static_cast<uint8_t>(Compression::kStored)
            ? e.stored_size != e.size
            : uint64_t{e.size} > uint64_t{e.stored_size} * max_ratio)
      return damaged("entry " + Quote(name) + " sizes inconsistent");
    int key = KeyOf(e.kind);
    if (i > 0 && Compare(prev_key, prev_name, key, name) >= 0)
      return damaged("entry " + Quote(name) + " out of order");
    prev_key = key;
    prev_name = name;
  }
  return OpenResult::kOk;
}

EntryView PayloadReader::entry(size_t i) const {
  IndexEntry e;
  std::memcpy(&e, entries_ + i * sizeof e, sizeof e);
  EntryView v;
  v.name = std::string_view(names_ + e.name_offset, e.name_size);
  v.kind = static_cast<EntryKind>(e.kind);
  v.compression = static_cast<Compression>(e.compression);
  v.stored_size = e.stored_size;
  v.size = e.size;
  v.crc32 = e.crc32;
  v.crc32c = e.crc32c;
  v.stored = file_.subspan(static_cast<size_t>(e.data_offset), e.stored_size);
  return v;
}

long PayloadReader::FindModule(std::string_view dotted_name) const {
  return Find(true, dotted_name);
}

long PayloadReader::FindFile(std::string_view archive_path) const {
  return Find(false, archive_path);
}

long PayloadReader::Find(bool module_kind, std::string_view name) const {
  const int key = module_kind ? 0 : 1;
  size_t lo = 0, hi = count_;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    IndexEntry e;
    std::memcpy(&e, entries_ + mid * sizeof e, sizeof e);
    int c = Compare(KeyOf(e.kind), std::string_view(names_ + e.name_offset, e.name_size),
                    key, name);
    if (c == 0) return static_cast<long>(mid);
    if (c < 0) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return -1;
}

bool PayloadReader::Read(size_t i, std::span<const uint8_t>* out,
                         std::vector<uint8_t>* storage, std::string* err, bool full_check) const {
  if (i >= count_) {
    *err = "entry #" + std::to_string(i) + " does not exist";
    return false;
  }
  EntryView v = entry(i);
  std::span<const uint8_t> bytes = v.stored;
  if (v.compression != Compression::kStored) {
    storage->resize(v.size);
    std::string why = v.compression == Compression::kZstd
                          ? ZstdDecompress(v.stored, storage->data(), v.size)
                          : InflateRaw(v.stored, storage->data(), v.size);
    if (!why.empty()) {
      *err = "entry " + Quote(v.name) + " " + why;
      return false;
    }
    bytes = std::span<const uint8_t>(storage->data(), v.size);
  }
  bool fast = Crc32cIsHardware();
  bool check32c = fast || full_check, check32 = !fast || full_check;
  if ((check32c && Crc32c(bytes.data(), bytes.size()) != v.crc32c) ||
      (check32 && Crc(bytes.data(), bytes.size()) != v.crc32)) {
    *err = "entry " + Quote(v.name) + " CRC mismatch";
    return false;
  }
  *out = bytes;
  return true;
}

PayloadReader::TextResult PayloadReader::ReadText(std::string_view archive_path,
                                                  std::string* text, std::string* err) const {
  long i = FindFile(archive_path);
  if (i < 0) return TextResult::kAbsent;
  std::span<const uint8_t> bytes;
  std::vector<uint8_t> storage;
  if (!Read(static_cast<size_t>(i), &bytes, &storage, err)) return TextResult::kDamaged;
  text->assign(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  return TextResult::kOk;
}

}  // namespace payload
