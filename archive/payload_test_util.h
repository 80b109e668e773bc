// Helpers shared by the archive tests: build apps, and edit their trailer and
// index in place with the CRCs recomputed, to test checks behind the CRCs.
#pragma once

#include <gtest/gtest.h>
#include <elf.h>
#include <zlib.h>

#include <cstddef>
#include <cstring>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "archive/payload_format.h"
#include "archive/payload_reader.h"
#include "archive/payload_writer.h"

namespace payload::testing {

inline constexpr uint32_t kPyMagic = 0x0a0d0da7;  // CPython 3.11

inline std::string RandomBytes(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(rng() & 0xff);
  return s;
}

// A fake stub: an ELF-looking prefix of `n` bytes.
// From 128 bytes on it is an ELF64 header whose one (null) section header
// ends the image at `n`, as `freezer verify` wants (payload_verifier.h).
inline std::string FakeStub(size_t n) {
  std::string s = RandomBytes(n, 7);
  if (n >= 4) std::memcpy(s.data(), "\x7f" "ELF", 4);
  if (n >= 128) {
    Elf64_Ehdr eh{};
    std::memcpy(eh.e_ident, ELFMAG, SELFMAG);
    eh.e_ident[EI_CLASS] = ELFCLASS64;
    eh.e_ident[EI_DATA] = ELFDATA2LSB;
    eh.e_ident[EI_VERSION] = EV_CURRENT;
    eh.e_type = ET_EXEC;
    eh.e_machine = EM_X86_64;
    eh.e_version = EV_CURRENT;
    eh.e_ehsize = sizeof eh;
    eh.e_shoff = n - sizeof(Elf64_Shdr);
    eh.e_shentsize = sizeof(Elf64_Shdr);
    eh.e_shnum = 1;
    std::memcpy(s.data(), &eh, sizeof eh);
    std::memset(s.data() + eh.e_shoff, 0, sizeof(Elf64_Shdr));
  }
  return s;
}

inline std::string Pyc(const std::string& body) {
  std::string h(kPycHeaderSize, '\0');
  std::memcpy(h.data(), &kPyMagic, 4);
  return h + body;
}

// A mix of kinds, compressed and stored, with a zero-length and a non-ASCII
// entry.
inline std::vector<PayloadEntry> SampleEntries() {
  std::string text;
  for (int i = 0; i < 200; ++i) text += "line " + std::to_string(i % 7) + " of text\n";
  return {
      {"a.b", EntryKind::kModule, Pyc(text), true},
      {"a", EntryKind::kPackage, Pyc("package a"), true},
      {"zz", EntryKind::kModule, Pyc("zz"), false},
      {"a/b.py", EntryKind::kSource, text, true},
      {"a/data.txt", EntryKind::kData, text + text, true},
      {"a/random.bin", EntryKind::kData, RandomBytes(700, 1), true},
      {"empty.txt", EntryKind::kData, "", true},
      {"donn\xc3\xa9" "es/\xc3\xa9t\xc3\xa9.txt", EntryKind::kData, "utf8", false},
      {"a/_speedups.cpython-311-x86_64-linux-gnu.so", EntryKind::kExtension,
       RandomBytes(300, 2), true},
      {"libs/libfoo.so.1", EntryKind::kSharedLib, RandomBytes(100, 3), false},
      {"a-1.0.dist-info/METADATA", EntryKind::kMetadata, "Name: a\n", true},
      {".freezer/boot", EntryKind::kBootConfig, "main=a.b\n", false},
  };
}

inline std::vector<uint8_t> BuildApp(const std::string& stub,
                                     std::vector<PayloadEntry> entries) {
  std::string out = stub;
  std::string err;
  EXPECT_TRUE(WritePayload(stub.size(), kPyMagic, std::move(entries), &out, &err))
      << err;
  return std::vector<uint8_t>(out.begin(), out.end());
}

inline std::span<const uint8_t> Span(const std::vector<uint8_t>& v) {
  return {v.data(), v.size()};
}

inline size_t TrailerPos(const std::vector<uint8_t>& app) {
  return app.size() - sizeof(Trailer);
}

inline Trailer GetTrailer(const std::vector<uint8_t>& app) {
  Trailer t;
  std::memcpy(&t, app.data() + TrailerPos(app), sizeof t);
  return t;
}

inline uint32_t Crc(const uint8_t* p, size_t n) {
  return static_cast<uint32_t>(crc32_z(0, p, n));
}

// Stores `t` with a fresh trailer CRC.
inline void PutTrailer(std::vector<uint8_t>* app, Trailer t) {
  uint8_t raw[sizeof t];
  std::memcpy(raw, &t, sizeof t);
  t.trailer_crc32 = Crc(raw, kTrailerCrcCovered);
  std::memcpy(app->data() + TrailerPos(*app), &t, sizeof t);
}

// Recomputes the index CRC (over the trailer's index range) and the trailer's.
inline void Reseal(std::vector<uint8_t>* app) {
  Trailer t = GetTrailer(*app);
  t.index_crc32 = Crc(app->data() + t.index_offset, t.index_size);
  PutTrailer(app, t);
}

inline size_t EntryPos(const std::vector<uint8_t>& app, size_t i) {
  return GetTrailer(app).index_offset + sizeof(IndexHeader) + i * sizeof(IndexEntry);
}

inline IndexEntry GetEntry(const std::vector<uint8_t>& app, size_t i) {
  IndexEntry e;
  std::memcpy(&e, app.data() + EntryPos(app, i), sizeof e);
  return e;
}

// Stores entry `i` and reseals.
inline void PutEntry(std::vector<uint8_t>* app, size_t i, const IndexEntry& e) {
  std::memcpy(app->data() + EntryPos(*app, i), &e, sizeof e);
  Reseal(app);
}

inline IndexHeader GetIndexHeader(const std::vector<uint8_t>& app) {
  IndexHeader h;
  std::memcpy(&h, app.data() + GetTrailer(app).index_offset, sizeof h);
  return h;
}

inline void PutIndexHeader(std::vector<uint8_t>* app, const IndexHeader& h) {
  std::memcpy(app->data() + GetTrailer(*app).index_offset, &h, sizeof h);
  Reseal(app);
}

inline std::string Bytes(std::span<const uint8_t> s) {
  return std::string(reinterpret_cast<const char*>(s.data()), s.size());
}

// Reads every entry; false (with `err`) at the first that fails.
inline bool ReadAll(const PayloadReader& r, std::vector<std::string>* out,
                    std::string* err) {
  out->clear();
  for (size_t i = 0; i < r.size(); ++i) {
    std::span<const uint8_t> bytes;
    std::vector<uint8_t> storage;
    if (!r.Read(i, &bytes, &storage, err)) return false;
    out->push_back(Bytes(bytes));
  }
  return true;
}

}  // namespace payload::testing
