// An ELF shared object's symbol version tables, read from and rewritten in
// its bytes in memory: which version of which library each undefined dynamic
// symbol asks for (.dynsym + .gnu.version + .gnu.version_r), and which
// versions each defined symbol carries (.gnu.version_d). Rewriting changes
// only fixed-size fields in place (a symbol's version index, a version-need
// entry's name, hash and chain), so no offset, address or size in the file
// moves: the result loads exactly as the original but asks for other
// versions. freezer/native/glibc_lowering.h decides what to ask for.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace freezer {

// One undefined dynamic symbol bound to a version of a needed library.
struct VersionNeed {
  std::string symbol;   // "pthread_create"
  std::string file;     // the library the version belongs to: "libc.so.6"
  std::string version;  // "GLIBC_2.34"
  bool object = false;  // data (STT_OBJECT/STT_TLS), not a function
  bool weak = false;    // STB_WEAK: may stay unbound
  size_t index = 0;     // its .dynsym index
};

class SymbolVersions {
 public:
  // Reads `bytes` (an ELF64 little-endian shared object or executable).
  // False, with `err`, when it is not one or its tables are malformed; an
  // object without version tables has no needs.
  bool Parse(const std::string& bytes, std::string* err);

  const std::vector<VersionNeed>& needs() const { return needs_; }

  // Names the object defines in .dynsym (exports), with their version
  // names ("" for unversioned) when it has .gnu.version_d.
  const std::map<std::string, std::vector<std::string>>& definitions() const { return defs_; }

  // Asks, for need `i`, `version` of the same file instead ("" for no
  // version: the symbol binds to the first object in the loader's scope that
  // defines it, its default version). Applied by Write.
  void Retarget(size_t i, const std::string& version);

  // Writes the retargeted needs into `bytes` (the same bytes Parse read).
  // A version already needed from the file is reused; a new one takes the
  // entry of a version no symbol asks for any more (its name must be in the
  // string table); without either the symbol asks for no version.
  // Entries no symbol asks for are unlinked. `unversioned` gets the symbols
  // that ended up asking for no version although a version was asked.
  bool Write(std::string* bytes, std::vector<std::string>* unversioned, std::string* err) const;

 private:
  struct Aux {
    size_t offset;  // in the file
    uint16_t index;
    std::string name;
  };
  struct Need {
    size_t offset;  // in the file
    std::string file;
    std::vector<Aux> aux;  // in chain order
  };
  size_t versym_ = 0, verneed_ = 0, dynstr_ = 0, dynstr_size_ = 0;
  std::vector<Need> verneed_list_;
  std::vector<uint16_t> sym_version_;  // .gnu.version, by .dynsym index
  std::vector<VersionNeed> needs_;
  std::map<size_t, std::string> retarget_;  // need index -> version ("" none)
  std::map<std::string, std::vector<std::string>> defs_;
};

// The ELF (System V) hash of a version name, as .gnu.version_r stores it.
uint32_t ElfHash(const std::string& name);

}  // namespace freezer
