#include "archive/payload_verifier.h"

#include <elf.h>

#include <algorithm>
#include <cstring>
#include <string_view>
#include <vector>

#include "archive/payload_digest.h"
#include "archive/zip_format.h"

namespace payload {
namespace {

std::string Quote(std::string_view s) { return "'" + std::string(s) + "'"; }

void Put16(std::string* out, uint16_t v) { out->append(reinterpret_cast<const char*>(&v), 2); }
void Put32(std::string* out, uint32_t v) { out->append(reinterpret_cast<const char*>(&v), 4); }

// What the writer puts in a member's local and central header: an
// independent restatement of payload_writer.cc, so a writer bug and a
// rewired file both show up as a difference.
struct Header {
  std::string path;
  bool data = false;  // EntryKind::kData: may be marked executable
  uint8_t compression = 0;
  uint32_t crc = 0, stored_size = 0, size = 0;
  uint64_t header_offset = 0, data_offset = 0;
};

void PutShared(const Header& h, uint16_t time, uint16_t date, std::string* out) {
  bool ascii = std::all_of(h.path.begin(), h.path.end(),
                           [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  Put16(out, kZipVersion);
  Put16(out, ascii ? 0 : kZipFlagUtf8);
  Put16(out, h.compression);
  Put16(out, time);
  Put16(out, date);
  Put32(out, h.crc);
  Put32(out, h.stored_size);
  Put32(out, h.size);
  Put16(out, static_cast<uint16_t>(h.path.size()));
  Put16(out, 0);
}

std::string LocalHeader(const Header& h, uint16_t time, uint16_t date) {
  std::string out;
  Put32(&out, kZipLocalHeaderSig);
  PutShared(h, time, date, &out);
  return out + h.path;
}

std::string CentralHeader(const Header& h, uint16_t time, uint16_t date, bool executable) {
  std::string out;
  Put32(&out, kZipCentralHeaderSig);
  Put16(&out, executable ? kZipMadeByUnix : kZipVersion);
  PutShared(h, time, date, &out);
  Put16(&out, 0);
  Put16(&out, 0);
  Put16(&out, 0);
  Put32(&out, executable ? kZipExecutableAttributes : 0);
  Put32(&out, static_cast<uint32_t>(h.header_offset));
  return out + h.path;
}

// The bytes at [offset, offset + want.size()) equal `want`.
bool Matches(std::span<const uint8_t> file, uint64_t offset, std::string_view want) {
  return offset <= file.size() && want.size() <= file.size() - offset &&
         std::memcmp(file.data() + offset, want.data(), want.size()) == 0;
}

}  // namespace

bool ElfImageEnd(std::span<const uint8_t> stub, uint64_t* end, std::string* err) {
  Elf64_Ehdr eh;
  if (stub.size() < sizeof eh) {
    *err = "the stub is not an ELF file (" + std::to_string(stub.size()) + " bytes)";
    return false;
  }
  std::memcpy(&eh, stub.data(), sizeof eh);
  if (std::memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 || eh.e_ident[EI_CLASS] != ELFCLASS64 ||
      eh.e_ident[EI_DATA] != ELFDATA2LSB || eh.e_ehsize != sizeof eh) {
    *err = "the stub is not a little-endian ELF64 file";
    return false;
  }
  const uint64_t size = stub.size();
  uint64_t far = sizeof eh;
  // A table of n records of `each` bytes at `off`, inside the stub.
  auto table = [&](uint64_t off, uint64_t n, uint64_t each, uint64_t want, const char* what) {
    if (n == 0) return true;
    if (each != want || off > size || n > (size - off) / each) {
      *err = std::string("the stub's ELF ") + what + " lies outside it";
      return false;
    }
    far = std::max(far, off + n * each);
    return true;
  };
  if (!table(eh.e_phoff, eh.e_phnum, eh.e_phentsize, sizeof(Elf64_Phdr), "program headers") ||
      !table(eh.e_shoff, eh.e_shnum, eh.e_shentsize, sizeof(Elf64_Shdr), "section headers"))
    return false;
  auto reach = [&](uint64_t off, uint64_t n, const char* what) {
    if (off > size || n > size - off) {
      *err = std::string("the stub's ELF ") + what + " extends past it";
      return false;
    }
    far = std::max(far, off + n);
    return true;
  };
  for (uint16_t i = 0; i < eh.e_phnum; ++i) {
    Elf64_Phdr ph;
    std::memcpy(&ph, stub.data() + eh.e_phoff + i * sizeof ph, sizeof ph);
    if (!reach(ph.p_offset, ph.p_filesz, "segment")) return false;
  }
  for (uint16_t i = 0; i < eh.e_shnum; ++i) {
    Elf64_Shdr sh;
    std::memcpy(&sh, stub.data() + eh.e_shoff + i * sizeof sh, sizeof sh);
    if (sh.sh_type != SHT_NOBITS && sh.sh_type != SHT_NULL &&
        !reach(sh.sh_offset, sh.sh_size, "section"))
      return false;
  }
  *end = far;
  return true;
}

bool VerifyLayout(const PayloadReader& reader, std::string* err) {
  const std::span<const uint8_t> file = reader.file();
  const Trailer& t = reader.trailer();
  if (t.flags != 0 || t.reserved != 0) {
    *err = "trailer reserved fields are not 0";
    return false;
  }
  uint64_t elf_end = 0;
  std::string why;
  if (!ElfImageEnd(file.first(t.payload_offset), &elf_end, &why)) {
    *err = "payload offset " + std::to_string(t.payload_offset) +
           " is not the end of the stub's ELF image: " + why;
    return false;
  }
  if (elf_end != t.payload_offset) {
    *err = "payload offset " + std::to_string(t.payload_offset) +
           " is not the end of the stub's ELF image (" + std::to_string(elf_end) + ")";
    return false;
  }

  // Names are consecutive in the blob (no bytes between or after them).
  std::vector<Header> members;
  members.reserve(reader.size());
  const char* blob = reinterpret_cast<const char*>(file.data()) + t.index_offset +
                     sizeof(IndexHeader) + reader.size() * sizeof(IndexEntry);
  uint64_t name_pos = 0;
  for (size_t i = 0; i < reader.size(); ++i) {
    EntryView v = reader.entry(i);
    if (static_cast<uint64_t>(v.name.data() - blob) != name_pos) {
      *err = "index name of entry " + Quote(v.name) + " is not where the previous one ends";
      return false;
    }
    name_pos += v.name.size();
    Header h;
    h.path = ArchivePathOf(v.kind, v.name);
    h.data = v.kind == EntryKind::kData;
    h.compression = static_cast<uint8_t>(v.compression);
    h.crc = v.crc32;
    h.stored_size = v.stored_size;
    h.size = v.size;
    h.data_offset = static_cast<uint64_t>(v.stored.data() - file.data());
    members.push_back(std::move(h));
  }
  if (name_pos != reader.index_header().names_size) {
    *err = "index name blob has bytes no entry names";
    return false;
  }

  // Members follow each other in archive-path order from the payload offset,
  // each right after its own local header: no gap, no overlap, no sharing.
  std::sort(members.begin(), members.end(),
            [](const Header& a, const Header& b) { return a.path < b.path; });
  const uint64_t index_header_offset = t.index_offset - kIndexLocalHeaderSize;
  uint16_t time = 0, date = 0;
  std::memcpy(&time, file.data() + index_header_offset + 10, 2);
  std::memcpy(&date, file.data() + index_header_offset + 12, 2);
  uint64_t pos = t.payload_offset;
  for (size_t i = 0; i < members.size(); ++i) {
    Header& h = members[i];
    if (i > 0 && members[i - 1].path == h.path) {
      *err = "two entries have the archive path " + Quote(h.path);
      return false;
    }
    h.header_offset = pos;
    std::string local = LocalHeader(h, time, date);
    if (h.data_offset != pos + local.size()) {
      *err = "entry " + Quote(h.path) + " does not start right after its own local header (at " +
             std::to_string(h.data_offset) + ", expected " + std::to_string(pos + local.size()) +
             ")";
      return false;
    }
    if (!Matches(file, pos, local)) {
      *err = "zip local header of " + Quote(h.path) + " does not match the index";
      return false;
    }
    pos = h.data_offset + h.stored_size;
  }
  Header index;
  index.path = std::string(kIndexMemberName);
  index.crc = t.index_crc32;
  index.stored_size = index.size = t.index_size;
  index.header_offset = pos;
  if (pos != index_header_offset || !Matches(file, pos, LocalHeader(index, time, date))) {
    *err = "zip local header of " + Quote(index.path) + " is not right after the last member";
    return false;
  }
  members.push_back(std::move(index));

  // The central directory right after the index, then the end record.
  const uint64_t cd_offset = t.index_offset + t.index_size;
  pos = cd_offset;
  for (const Header& h : members) {
    std::string central = CentralHeader(h, time, date, false);
    if (!Matches(file, pos, central) &&
        !(h.data && Matches(file, pos, central = CentralHeader(h, time, date, true)))) {
      *err = "zip central directory record of " + Quote(h.path) + " does not match the index";
      return false;
    }
    pos += central.size();
  }
  std::string end;
  Put32(&end, kZipEndOfCentralDirSig);
  Put16(&end, 0);
  Put16(&end, 0);
  Put16(&end, static_cast<uint16_t>(members.size()));
  Put16(&end, static_cast<uint16_t>(members.size()));
  Put32(&end, static_cast<uint32_t>(pos - cd_offset));
  Put32(&end, static_cast<uint32_t>(cd_offset));
  Put16(&end, sizeof(Trailer));
  if (pos + end.size() + sizeof(Trailer) != file.size() || !Matches(file, pos, end)) {
    *err = "zip end of central directory record does not match the members";
    return false;
  }
  return true;
}

bool VerifyEntries(const PayloadReader& reader, std::string* err) {
  std::vector<uint8_t> storage;
  for (size_t i = 0; i < reader.size(); ++i) {
    std::span<const uint8_t> bytes;
    if (!reader.Read(i, &bytes, &storage, err, /*full_check=*/true)) return false;
  }
  return true;
}

bool VerifyDigest(const PayloadReader& reader, std::string* err) {
  const std::span<const uint8_t> file = reader.file();
  Sha256 computed = ComputeSha256(file.first(file.size() - kDigestSize));
  Sha256 recorded;
  std::copy(reader.digest().begin(), reader.digest().end(), recorded.begin());
  if (computed != recorded) {
    *err = "digest mismatch (recorded " + DigestString(recorded) + ", computed " +
           DigestString(computed) + ")";
    return false;
  }
  return true;
}

bool VerifyPayloadFile(const PayloadReader& reader, std::string* err) {
  return VerifyEntries(reader, err) && VerifyDigest(reader, err) && VerifyLayout(reader, err);
}

}  // namespace payload
