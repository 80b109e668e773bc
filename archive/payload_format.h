// On-disk structures of the freezer payload (docs/payload-format.md).
//
// An app is: [stub executable][zip archive][...]. The zip's end-of-central-
// directory record carries a 64-byte comment, the Trailer, so the trailer is
// the last 64 bytes of the file and the zip stays valid for unzip and libzip.
// All integers are little-endian; the structs are only ever copied to and
// from bytes with memcpy (no pointer casts into mapped memory).
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "archive/member_paths.h"  // kIndexMemberName: the index member
#include "archive/python_abi.h"    // kPycHeaderSize: in front of module bytes
#include "archive/zip_format.h"

namespace payload {

static_assert(std::endian::native == std::endian::little,
              "the payload format is little-endian; add byte swapping first");

// 2: the digest moved from the index header to the end of the trailer and
// covers the whole file (version 1 left the index, central directory and
// end record uncovered). 3: compression 93 (zstd, native code) and the
// native manifest's sha256/load records, which a version-2 reader refuses.
// 4: executable data files (central header made by Unix with mode 0755, the
// boot manifest's `executable` key, which a version-3 stub refuses).
inline constexpr uint32_t kFormatVersion = 4;
inline constexpr char kTrailerMagic[8] = {'F', 'R', 'Z', 'T', 'R', 'A', 'I', 'L'};
inline constexpr char kIndexMagic[8] = {'F', 'R', 'Z', 'I', 'N', 'D', 'E', 'X'};

// What an index entry is. Modules and packages are looked up by dotted module
// name; every other kind by its path inside the archive ("pkg/data.txt").
enum class EntryKind : uint8_t {
  kModule = 1,      // zip member "a/b.pyc": a full pyc (header + marshalled code)
  kPackage = 2,     // zip member "a/b/__init__.pyc"
  kSource = 3,      // "a/b.py": source, for tracebacks and inspect
  kData = 4,        // package data and --add-data files
  kExtension = 5,   // C extension module (.so)
  kSharedLib = 6,   // a shared library an extension needs
  kMetadata = 7,    // *.dist-info / *.egg-info files
  kBootConfig = 8,  // ".freezer/boot" and ".freezer/native": read by the stub at start
};

inline bool IsModuleKind(EntryKind k) {
  return k == EntryKind::kModule || k == EntryKind::kPackage;
}
std::string_view KindName(EntryKind k);  // "module", "package", ...

// A relative '/'-separated path with no empty, "." or ".." component, no
// backslash and no NUL: what archive paths must be, and all that may be
// written below a directory when extracting.
bool IsRelativeArchivePath(std::string_view path);

// A dotted module name the payload can hold: non-empty components of ASCII
// letters, digits, '_' and '-' (bytes >= 0x80 for non-ASCII identifiers),
// separated by '.'. Wider than Python identifiers on purpose: modules that
// are imported by computed names exist with names no import statement could
// spell (sysconfig's "_sysconfigdata__x86_64-linux-gnu", mypyc's
// "<hex hash>__mypyc" runtime imported from C).
bool IsValidModuleName(std::string_view name);

// `name` is the module `package` or one of its submodules ("a.b" is in "a",
// "ab" is not).
inline bool IsModuleInPackage(std::string_view name, std::string_view package) {
  return name.size() >= package.size() && name.compare(0, package.size(), package) == 0 &&
         (name.size() == package.size() || name[package.size()] == '.');
}

// Archive path of an index entry: "a/b.pyc", "a/b/__init__.pyc" for
// modules and packages, the name itself for every other kind.
std::string ArchivePathOf(EntryKind kind, std::string_view name);

// Zip compression method numbers (APPNOTE 4.4.5; 93 is Zstandard).
enum class Compression : uint8_t { kStored = 0, kDeflate = 8, kZstd = 93 };

// SHA-256 of every byte of the file except its own (the last 32): the stub,
// every member, the index, the central directory, the end record and the
// trailer fields before it. It must sit outside every CRC-covered range (a
// CRC over it would be covered by it), hence the very end of the file.
inline constexpr size_t kDigestSize = 32;

struct Trailer {
  char magic[8];            // kTrailerMagic
  uint32_t format_version;  // kFormatVersion
  uint32_t python_magic;    // first 4 bytes of a pyc for the embedded CPython
  uint64_t payload_offset;  // file offset of the zip's first byte (= stub size)
  uint64_t payload_size;    // bytes from payload_offset to end of file
  uint64_t index_offset;    // file offset of the index bytes
  uint32_t index_size;      // bytes of the index
  uint32_t index_crc32;     // CRC-32 of the index bytes
  uint32_t entry_count;     // entries in the index (must match its header)
  uint32_t flags;           // reserved, 0
  uint32_t reserved;        // 0
  uint32_t trailer_crc32;   // CRC-32 of the 60 bytes before this field
  uint8_t sha256[kDigestSize];  // SHA-256 of file bytes [0, size - 32)
};
static_assert(sizeof(Trailer) == 96);
inline constexpr size_t kTrailerCrcCovered = 60;  // offsetof(Trailer, trailer_crc32)

// Where version 1 kept its 64-byte trailer: only to name the version of an
// old app instead of calling it a bare stub.
inline constexpr size_t kTrailerSizeV1 = 64;

struct IndexHeader {
  char magic[8];          // kIndexMagic
  uint32_t entry_count;   // IndexEntry records that follow
  uint32_t names_size;    // bytes of the name blob after the entries
};
static_assert(sizeof(IndexHeader) == 16);

// Zip local header size of the index member: 30 fixed bytes + its name.
inline constexpr uint64_t kIndexLocalHeaderSize = kZipLocalHeaderSize + kIndexMemberName.size();

// Sorted by (IsModuleKind(kind) ? 0 : 1, name) bytewise, so both kinds of
// lookup are a binary search.
struct IndexEntry {
  uint64_t data_offset;  // file offset of the member's (stored) bytes
  uint32_t stored_size;  // bytes in the file
  uint32_t size;         // bytes once inflated
  uint32_t crc32;        // CRC-32 of the inflated bytes (as in the zip)
  uint32_t name_offset;  // into the name blob
  uint16_t name_size;
  uint8_t kind;          // EntryKind
  uint8_t compression;   // Compression
  uint32_t crc32c;       // CRC-32C of the inflated bytes (archive/crc32c.h)
};
static_assert(sizeof(IndexEntry) == 32);

}  // namespace payload
