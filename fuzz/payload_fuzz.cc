#include "fuzz/payload_fuzz.h"

#include <zlib.h>

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "archive/boot_manifest.h"
#include "archive/payload_format.h"
#include "archive/payload_reader.h"

namespace payload_fuzz {

namespace {

[[noreturn]] void Fail(const char* what) {
  fprintf(stderr, "payload fuzz: %s\n", what);
  abort();
}

uint32_t Crc(const uint8_t* p, size_t n) {
  return static_cast<uint32_t>(crc32_z(0, p, n));
}

// Recomputes the CRCs a mutation breaks: stored entries' (when in bounds),
// the index's and the trailer's. Without this almost every mutated input
// stops at a CRC check and the code behind it is never reached.
bool Reseal(std::vector<uint8_t>* app) {
  using payload::IndexEntry;
  using payload::IndexHeader;
  using payload::Trailer;
  const size_t size = app->size();
  if (size < 22 + sizeof(Trailer)) return false;
  uint8_t* tp = app->data() + size - sizeof(Trailer);
  Trailer t;
  std::memcpy(&t, tp, sizeof t);
  if (t.index_offset > size || t.index_size > size - t.index_offset) return false;
  uint8_t* index = app->data() + t.index_offset;
  IndexHeader h;
  if (t.index_size >= sizeof h) {
    std::memcpy(&h, index, sizeof h);
    const uint64_t room = (t.index_size - sizeof h) / sizeof(IndexEntry);
    for (uint64_t i = 0; i < h.entry_count && i < room; ++i) {
      uint8_t* ep = index + sizeof h + i * sizeof(IndexEntry);
      IndexEntry e;
      std::memcpy(&e, ep, sizeof e);
      if (e.compression != 0 || e.data_offset > size || e.stored_size > size - e.data_offset)
        continue;
      e.crc32 = Crc(app->data() + e.data_offset, e.stored_size);
      std::memcpy(ep, &e, sizeof e);
    }
  }
  t.index_crc32 = Crc(index, t.index_size);
  std::memcpy(tp, &t, sizeof t);
  t.trailer_crc32 = Crc(tp, offsetof(Trailer, trailer_crc32));
  std::memcpy(tp, &t, sizeof t);
  return true;
}

void Exercise(std::span<const uint8_t> file);

}  // namespace

void FuzzPayload(std::span<const uint8_t> file) {
  Exercise(file);
  std::vector<uint8_t> resealed(file.begin(), file.end());
  if (Reseal(&resealed)) Exercise(resealed);
}

namespace {

void Exercise(std::span<const uint8_t> file) {
  payload::PayloadReader r;
  std::string err;
  if (r.Open(file, &err) != payload::PayloadReader::OpenResult::kOk) {
    if (r.size() != 0) Fail("failed Open left entries behind");
    return;
  }
  const uint64_t members_end = r.trailer().index_offset - payload::kIndexLocalHeaderSize;
  if (members_end > file.size()) Fail("members range past the end");
  std::vector<uint8_t> storage;
  for (size_t i = 0; i < r.size(); ++i) {
    payload::EntryView e = r.entry(i);
    // Open checked strict order, so the binary search must find the entry.
    long found = payload::IsModuleKind(e.kind) ? r.FindModule(e.name) : r.FindFile(e.name);
    if (found != static_cast<long>(i)) Fail("lookup does not find an entry");
    if (e.stored.data() < file.data() ||
        e.stored.data() + e.stored.size() > file.data() + members_end)
      Fail("entry bytes outside the members range");
    std::span<const uint8_t> bytes;
    if (!r.Read(i, &bytes, &storage, &err)) continue;
    if (bytes.size() != e.size) Fail("read size differs from the index");
    if (e.kind == payload::EntryKind::kBootConfig) {
      payload::BootManifest m;
      payload::ParseBootManifest(std::string(reinterpret_cast<const char*>(bytes.data()),
                                             bytes.size()),
                                 &m, &err);
    }
  }
  std::span<const uint8_t> bytes;
  if (r.Read(r.size(), &bytes, &storage, &err)) Fail("read past the last entry");
  r.FindModule("a.b");
  r.FindFile(payload::kBootManifestPath);
}

}  // namespace

}  // namespace payload_fuzz
