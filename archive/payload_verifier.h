// The whole-file checks behind `freezer verify` (docs/security.md): what
// PayloadReader::Open checks at every start, plus that every byte of the file
// belongs to a structure the format defines and says what the index says,
// plus the SHA-256 over all of it. The stub never runs these (the digest
// means hashing the whole app); the freezer's read-only subcommands do.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "archive/payload_reader.h"

namespace payload {

// End of the ELF image at the start of `stub`: the furthest byte any ELF
// header, program header, section header table or non-NOBITS section
// reaches. False (with `err`) when `stub` is not a little-endian ELF64 file
// or a table lies outside it.
bool ElfImageEnd(std::span<const uint8_t> stub, uint64_t* end, std::string* err);

// The file is exactly: an ELF image ending at payload_offset; one local
// header + stored bytes per index entry, in archive-path order, each header
// what the writer writes for that entry (name, method, CRC, sizes, the
// payload's one timestamp) and the entry's bytes right after it, no gaps, no
// overlap; the index member; a central directory repeating those headers
// with their offsets; the end record; the trailer (flags and reserved 0).
// Index names are consecutive in the name blob. Entry bytes and the digest
// are not checked here (VerifyEntries, VerifyDigest).
bool VerifyLayout(const PayloadReader& reader, std::string* err);

// Every entry inflated and checked against both its CRC-32 and CRC-32C.
bool VerifyEntries(const PayloadReader& reader, std::string* err);

// SHA-256 of the file bytes [0, size - 32) equals the recorded digest.
bool VerifyDigest(const PayloadReader& reader, std::string* err);

// All three: entries first (their errors name what is damaged), then the
// digest (any other accidental damage), then the layout (what an editor
// who recomputed every CRC and the digest rewired).
bool VerifyPayloadFile(const PayloadReader& reader, std::string* err);

}  // namespace payload
