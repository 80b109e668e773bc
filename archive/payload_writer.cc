#include "archive/payload_writer.h"

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <set>
#include <string_view>
#include <utility>

#include "archive/crc32c.h"
#include "archive/deflate.h"
#include "archive/payload_digest.h"
#include "archive/zip_format.h"
#include "archive/zstd.h"

namespace payload {
namespace {

// MS-DOS date and time of every member (zip's only timestamp format).
struct DosTime {
  uint16_t time = 0;                          // 00:00:00
  uint16_t date = (0 << 9) | (1 << 5) | 1;    // 1980-01-01
};

// Unix seconds (UTC) -> DOS fields; clamped to the zip range 1980..2107.
DosTime ToDosTime(int64_t t) {
  DosTime d;
  if (t < 315532800) return d;  // 1980-01-01
  int64_t days = t / 86400, secs = t % 86400;
  // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
  days += 719468;
  int64_t era = days / 146097, doe = days - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153, day = doy - (153 * mp + 2) / 5 + 1;
  int64_t month = mp < 10 ? mp + 3 : mp - 9;
  if (month <= 2) ++y;
  if (y > 2107) y = 2107;
  d.date = static_cast<uint16_t>(((y - 1980) << 9) | (month << 5) | day);
  d.time = static_cast<uint16_t>(((secs / 3600) << 11) | (((secs / 60) % 60) << 5) | ((secs % 60) / 2));
  return d;
}

// Values at or above these make readers look for zip64 records.
constexpr uint64_t kMaxZip32 = 0xFFFFFFFEu;
constexpr size_t kMaxMembers = 0xFFFEu;  // including the index member
constexpr size_t kMaxNameSize = 0xFFFFu;

void Put16(std::string* out, uint16_t v) {
  char b[2];
  std::memcpy(b, &v, 2);
  out->append(b, 2);
}
void Put32(std::string* out, uint32_t v) {
  char b[4];
  std::memcpy(b, &v, 4);
  out->append(b, 4);
}

uint32_t Crc(std::string_view s) { return ZipCrc32(s.data(), s.size()); }

std::string Quote(std::string_view s) {
  std::string q = "'";
  q.append(s);
  q += '\'';
  return q;
}

bool IsAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Archive paths: relative, '/'-separated, no empty, "." or ".." components.
bool ValidPath(std::string_view p) {
  return p.size() <= kMaxNameSize && IsRelativeArchivePath(p);
}


struct Member {
  std::string path;
  std::string_view name;  // index key (into the caller's entry)
  EntryKind kind;
  Compression compression;
  uint32_t crc;
  uint32_t crc32c;
  uint32_t size;
  DosTime dos;
  std::string stored;
  uint64_t header_offset = 0;  // file offset of the local header
  uint64_t data_offset = 0;    // file offset of the stored bytes
  bool executable = false;
};

// The fields the local and the central header share, in the same order:
// version needed, flags, method, time, date, CRC, sizes, name and extra lengths.
void PutSharedHeaderFields(const Member& m, std::string* out) {
  Put16(out, kZipVersion);  // needed to extract
  Put16(out, IsAscii(m.path) ? 0 : kZipFlagUtf8);
  Put16(out, static_cast<uint16_t>(m.compression));
  Put16(out, m.dos.time);
  Put16(out, m.dos.date);
  Put32(out, m.crc);
  Put32(out, static_cast<uint32_t>(m.stored.size()));
  Put32(out, m.size);
  Put16(out, static_cast<uint16_t>(m.path.size()));
  Put16(out, 0);  // extra field length
}

void PutLocalHeader(const Member& m, std::string* out) {
  Put32(out, kZipLocalHeaderSig);
  PutSharedHeaderFields(m, out);
  out->append(m.path);
}

void PutCentralHeader(const Member& m, std::string* out) {
  Put32(out, kZipCentralHeaderSig);
  // made by: MS-DOS host, 2.0; Unix (3) where the external attributes
  // carry a mode.
  Put16(out, m.executable ? kZipMadeByUnix : kZipVersion);
  PutSharedHeaderFields(m, out);
  Put16(out, 0);  // comment length
  Put16(out, 0);  // disk number start
  Put16(out, 0);  // internal attributes
  Put32(out, m.executable ? kZipExecutableAttributes : 0);  // external attributes
  Put32(out, static_cast<uint32_t>(m.header_offset));
  out->append(m.path);
}

// Index order: modules and packages first, then everything else, each by
// name bytewise (std::string_view compares as unsigned char).
bool IndexLess(const Member* a, const Member* b) {
  int ka = IsModuleKind(a->kind) ? 0 : 1, kb = IsModuleKind(b->kind) ? 0 : 1;
  if (ka != kb) return ka < kb;
  return a->name < b->name;
}

std::string BuildIndex(const std::vector<Member>& members) {
  std::vector<const Member*> order;
  order.reserve(members.size());
  for (const Member& m : members) order.push_back(&m);
  std::sort(order.begin(), order.end(), IndexLess);

  std::string names;
  std::string table;
  for (const Member* m : order) {
    IndexEntry e{};
    e.data_offset = m->data_offset;
    e.stored_size = static_cast<uint32_t>(m->stored.size());
    e.size = m->size;
    e.crc32 = m->crc;
    e.crc32c = m->crc32c;
    e.name_offset = static_cast<uint32_t>(names.size());
    e.name_size = static_cast<uint16_t>(m->name.size());
    e.kind = static_cast<uint8_t>(m->kind);
    e.compression = static_cast<uint8_t>(m->compression);
    char raw[sizeof e];
    std::memcpy(raw, &e, sizeof e);
    table.append(raw, sizeof e);
    names.append(m->name);
  }
  IndexHeader h{};
  std::memcpy(h.magic, kIndexMagic, sizeof h.magic);
  h.entry_count = static_cast<uint32_t>(order.size());
  h.names_size = static_cast<uint32_t>(names.size());
  std::string index(sizeof h, '\0');
  std::memcpy(index.data(), &h, sizeof h);
  return index + table + names;
}

bool Check(const std::vector<PayloadEntry>& entries, std::string* err) {
  if (entries.size() > kMaxMembers - 1) {
    *err = "too many entries (" + std::to_string(entries.size()) + ", at most " +
           std::to_string(kMaxMembers - 1) + ")";
    return false;
  }
  std::set<std::string_view> modules, files;
  std::set<std::string> paths;
  for (const PayloadEntry& e : entries) {
    uint8_t k = static_cast<uint8_t>(e.kind);
    if (k < static_cast<uint8_t>(EntryKind::kModule) ||
        k > static_cast<uint8_t>(EntryKind::kBootConfig)) {
      *err = "entry " + Quote(e.name) + " has unknown kind " + std::to_string(k);
      return false;
    }
    if (e.name.empty()) {
      *err = "empty entry name";
      return false;
    }
    if (IsModuleKind(e.kind) && !IsValidModuleName(e.name)) {
      *err = "bad module name " + Quote(e.name);
      return false;
    }
    std::string path = ArchivePath(e);
    if (!ValidPath(path)) {
      *err = "bad entry name " + Quote(e.name);
      return false;
    }
    if (path == kIndexMemberName) {
      *err = "reserved entry name " + Quote(e.name);
      return false;
    }
    if (e.bytes.size() > kMaxZip32) {
      *err = "entry " + Quote(e.name) + " too large (4 GiB or more)";
      return false;
    }
    auto& names = IsModuleKind(e.kind) ? modules : files;
    if (!names.insert(e.name).second || !paths.insert(std::move(path)).second) {
      *err = "duplicate entry " + Quote(e.name);
      return false;
    }
  }
  // Archive paths form a tree: no member where another needs a directory
  // (`freezer extract` and the stub's file views could not place both).
  for (const std::string& p : paths) {
    for (size_t slash = p.find('/'); slash != p.npos; slash = p.find('/', slash + 1)) {
      if (paths.count(p.substr(0, slash))) {
        *err = "entry " + Quote(p) + " would be below the file entry " +
               Quote(p.substr(0, slash)) + " (a path is a file or a directory, not both)";
        return false;
      }
    }
  }
  return true;
}

}  // namespace

std::string ArchivePath(const PayloadEntry& e) { return ArchivePathOf(e.kind, e.name); }

bool WritePayload(uint64_t base_offset, uint32_t python_magic,
                  std::vector<PayloadEntry> entries, std::string* out,
                  std::string* err, int64_t timestamp) {
  if (!Check(entries, err)) return false;
  const DosTime dos = ToDosTime(timestamp);

  std::vector<Member> members;
  members.reserve(entries.size() + 1);
  for (PayloadEntry& e : entries) {
    Member m;
    m.dos = dos;
    m.path = ArchivePath(e);
    m.name = e.name;
    m.kind = e.kind;
    m.executable = e.executable;
    m.crc = Crc(e.bytes);
    m.crc32c = Crc32c(reinterpret_cast<const uint8_t*>(e.bytes.data()), e.bytes.size());
    m.size = static_cast<uint32_t>(e.bytes.size());
    m.compression = Compression::kStored;
    if (e.compress && !e.bytes.empty()) {
      std::string stream = std::move(e.compressed);
      bool zstd = e.method == Compression::kZstd;
      if ((!stream.empty() || (zstd ? ZstdCompress(e.bytes, &stream, e.zstd_level) : DeflateRaw(e.bytes, &stream))) &&
          stream.size() < e.bytes.size()) {
        m.stored = std::move(stream);
        m.compression = zstd ? Compression::kZstd : Compression::kDeflate;
      }
    }
    if (m.compression == Compression::kStored) m.stored = std::move(e.bytes);
    members.push_back(std::move(m));
  }
  std::sort(members.begin(), members.end(),
            [](const Member& a, const Member& b) { return a.path < b.path; });

  // Lay out the members to learn every data offset; the index member comes
  // last, its size known before its content.
  uint64_t pos = base_offset;
  for (Member& m : members) {
    m.header_offset = pos;
    m.data_offset = pos + kZipLocalHeaderSize + m.path.size();
    pos = m.data_offset + m.stored.size();
  }
  Member im;
  im.dos = dos;
  im.path = std::string(kIndexMemberName);
  im.kind = EntryKind::kData;
  im.compression = Compression::kStored;
  uint64_t index_size = sizeof(IndexHeader);
  for (const Member& m : members) index_size += sizeof(IndexEntry) + m.name.size();
  if (index_size > kMaxZip32) {
    *err = "index too large";
    return false;
  }
  im.size = static_cast<uint32_t>(index_size);
  im.header_offset = pos;
  im.data_offset = pos + kIndexLocalHeaderSize;
  pos = im.data_offset + im.size;

  uint64_t cd_offset = pos;
  uint64_t cd_size = kZipCentralHeaderSize + im.path.size();
  for (const Member& m : members) cd_size += kZipCentralHeaderSize + m.path.size();
  uint64_t end = cd_offset + cd_size + kZipEndOfCentralDirSize + sizeof(Trailer);
  if (base_offset > kMaxZip32 || end > kMaxZip32) {
    *err = "payload too large (the app would reach 4 GiB; zip64 is not supported)";
    return false;
  }
  // The digest covers the whole file, so the stub must be in `out`.
  if (out->size() != base_offset) {
    *err = "internal error: the output holds " + std::to_string(out->size()) +
           " bytes, not the " + std::to_string(base_offset) + "-byte stub";
    return false;
  }

  size_t start = out->size();
  out->reserve(start + (end - base_offset));
  for (const Member& m : members) {
    PutLocalHeader(m, out);
    out->append(m.stored);
  }
  im.stored = BuildIndex(members);
  im.crc = Crc(im.stored);
  if (im.stored.size() != im.size) {
    *err = "internal error: index size mismatch";
    out->resize(start);
    return false;
  }
  PutLocalHeader(im, out);
  out->append(im.stored);
  members.push_back(std::move(im));

  for (const Member& m : members) PutCentralHeader(m, out);
  Put32(out, kZipEndOfCentralDirSig);
  Put16(out, 0);  // this disk
  Put16(out, 0);  // disk with the central directory
  Put16(out, static_cast<uint16_t>(members.size()));
  Put16(out, static_cast<uint16_t>(members.size()));
  Put32(out, static_cast<uint32_t>(cd_size));
  Put32(out, static_cast<uint32_t>(cd_offset));
  Put16(out, sizeof(Trailer));  // comment length

  const Member& idx = members.back();
  Trailer t{};
  std::memcpy(t.magic, kTrailerMagic, sizeof t.magic);
  t.format_version = kFormatVersion;
  t.python_magic = python_magic;
  t.payload_offset = base_offset;
  t.payload_size = end - base_offset;
  t.index_offset = idx.data_offset;
  t.index_size = idx.size;
  t.index_crc32 = idx.crc;
  t.entry_count = static_cast<uint32_t>(members.size() - 1);
  char raw[sizeof t];
  std::memcpy(raw, &t, sizeof t);
  t.trailer_crc32 = Crc(std::string_view(raw, kTrailerCrcCovered));
  std::memcpy(raw, &t, sizeof t);
  // Everything but the digest itself is written: hash it, then append it.
  out->append(raw, sizeof t - kDigestSize);
  const Sha256 digest = ComputeSha256(
      std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(out->data()), out->size()));
  out->append(reinterpret_cast<const char*>(digest.data()), digest.size());

  if (out->size() - start != end - base_offset) {
    *err = "internal error: payload size mismatch";
    out->resize(start);
    return false;
  }
  return true;
}

}  // namespace payload
