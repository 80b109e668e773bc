#include "freezer/native/symbol_versions.h"

#include <elf.h>

#include <cstring>
#include <set>

namespace freezer {

namespace {

// Reads a T at `off` if it lies inside `bytes`.
template <typename T>
bool Get(const std::string& bytes, size_t off, T* out) {
  if (off > bytes.size() || bytes.size() - off < sizeof(T)) return false;
  memcpy(out, bytes.data() + off, sizeof(T));
  return true;
}

template <typename T>
void Put(std::string* bytes, size_t off, const T& v) {
  memcpy(&(*bytes)[off], &v, sizeof(T));
}

}  // namespace

uint32_t ElfHash(const std::string& name) {
  uint32_t h = 0;
  for (unsigned char c : name) {
    h = (h << 4) + c;
    uint32_t g = h & 0xf0000000u;
    if (g) h ^= g >> 24;
    h &= ~g;
  }
  return h;
}

bool SymbolVersions::Parse(const std::string& bytes, std::string* err) {
  *this = SymbolVersions{};
  Elf64_Ehdr eh;
  if (!Get(bytes, 0, &eh) || memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 ||
      eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_ident[EI_DATA] != ELFDATA2LSB) {
    *err = "not a 64-bit little-endian ELF file";
    return false;
  }
  std::vector<Elf64_Shdr> sh(eh.e_shnum);
  for (size_t i = 0; i < sh.size(); ++i)
    if (eh.e_shentsize != sizeof(Elf64_Shdr) || !Get(bytes, eh.e_shoff + i * sizeof(Elf64_Shdr), &sh[i])) {
      *err = "malformed section headers";
      return false;
    }
  const Elf64_Shdr *dynsym = nullptr, *versym = nullptr, *verneed = nullptr, *verdef = nullptr;
  for (const auto& s : sh) {
    if (s.sh_type == SHT_DYNSYM) dynsym = &s;
    if (s.sh_type == SHT_GNU_versym) versym = &s;
    if (s.sh_type == SHT_GNU_verneed) verneed = &s;
    if (s.sh_type == SHT_GNU_verdef) verdef = &s;
  }
  if (!dynsym) return true;  // nothing dynamic: no needs
  auto inside = [&](const Elf64_Shdr& s) {
    return s.sh_offset <= bytes.size() && bytes.size() - s.sh_offset >= s.sh_size;
  };
  if (dynsym->sh_link >= sh.size() || dynsym->sh_entsize != sizeof(Elf64_Sym) || !inside(*dynsym)) {
    *err = "malformed .dynsym";
    return false;
  }
  const Elf64_Shdr& strtab = sh[dynsym->sh_link];
  if (!inside(strtab)) {
    *err = "malformed .dynstr";
    return false;
  }
  dynstr_ = strtab.sh_offset;
  dynstr_size_ = strtab.sh_size;
  auto str = [&](uint64_t off, std::string* out) {
    if (off >= dynstr_size_) return false;
    const char* p = bytes.data() + dynstr_ + off;
    size_t n = strnlen(p, dynstr_size_ - off);
    if (n == dynstr_size_ - off) return false;  // no terminating NUL inside
    *out = std::string(p, n);
    return true;
  };
  size_t nsyms = dynsym->sh_size / sizeof(Elf64_Sym);
  if (versym) {
    if (versym->sh_size < nsyms * 2 || versym->sh_offset > bytes.size() ||
        bytes.size() - versym->sh_offset < nsyms * 2) {
      *err = "malformed .gnu.version";
      return false;
    }
    versym_ = versym->sh_offset;
    sym_version_.resize(nsyms);
    memcpy(sym_version_.data(), bytes.data() + versym_, nsyms * 2);
  }
  // Version index -> (file, name) of the needs, and -> name of the definitions.
  std::map<uint16_t, std::pair<std::string, std::string>> needed;
  std::map<uint16_t, std::string> defined;
  if (verneed) {
    verneed_ = verneed->sh_offset;
    size_t off = verneed_;
    for (size_t n = 0; n < verneed->sh_info; ++n) {
      Elf64_Verneed vn;
      Need need;
      if (!Get(bytes, off, &vn) || !str(vn.vn_file, &need.file)) {
        *err = "malformed .gnu.version_r";
        return false;
      }
      need.offset = off;
      size_t aux = off + vn.vn_aux;
      for (size_t k = 0; k < vn.vn_cnt; ++k) {
        Elf64_Vernaux va;
        Aux a;
        if (!Get(bytes, aux, &va) || !str(va.vna_name, &a.name)) {
          *err = "malformed .gnu.version_r";
          return false;
        }
        a.offset = aux;
        a.index = va.vna_other & 0x7fff;
        needed[a.index] = {need.file, a.name};
        need.aux.push_back(a);
        if (!va.vna_next) break;
        aux += va.vna_next;
      }
      verneed_list_.push_back(need);
      if (!vn.vn_next) break;
      off += vn.vn_next;
    }
  }
  if (verdef) {
    size_t off = verdef->sh_offset;
    for (size_t n = 0; n < verdef->sh_info; ++n) {
      Elf64_Verdef vd;
      Elf64_Verdaux vda;
      std::string name;
      if (!Get(bytes, off, &vd) || !Get(bytes, off + vd.vd_aux, &vda) || !str(vda.vda_name, &name)) {
        *err = "malformed .gnu.version_d";
        return false;
      }
      if (!(vd.vd_flags & VER_FLG_BASE)) defined[vd.vd_ndx & 0x7fff] = name;
      if (!vd.vd_next) break;
      off += vd.vd_next;
    }
  }
  for (size_t i = 1; i < nsyms; ++i) {
    Elf64_Sym s;
    std::string name;
    if (!Get(bytes, dynsym->sh_offset + i * sizeof(Elf64_Sym), &s) || !str(s.st_name, &name)) {
      *err = "malformed .dynsym";
      return false;
    }
    uint16_t v = sym_version_.empty() ? 1 : sym_version_[i] & 0x7fff;
    if (s.st_shndx == SHN_UNDEF) {
      auto it = needed.find(v);
      if (it == needed.end() || name.empty()) continue;
      VersionNeed need;
      need.symbol = name;
      need.file = it->second.first;
      need.version = it->second.second;
      need.object = ELF64_ST_TYPE(s.st_info) == STT_OBJECT || ELF64_ST_TYPE(s.st_info) == STT_TLS;
      need.weak = ELF64_ST_BIND(s.st_info) == STB_WEAK;
      need.index = i;
      needs_.push_back(need);
    } else if (ELF64_ST_BIND(s.st_info) != STB_LOCAL) {
      auto it = defined.find(v);
      defs_[name].push_back(it == defined.end() ? "" : it->second);
    }
  }
  return true;
}

void SymbolVersions::Retarget(size_t i, const std::string& version) { retarget_[i] = version; }

bool SymbolVersions::Write(std::string* bytes, std::vector<std::string>* unversioned, std::string* err) const {
  unversioned->clear();
  if (retarget_.empty()) return true;
  if (sym_version_.empty()) {
    *err = "no .gnu.version to rewrite";
    return false;
  }
  std::vector<uint16_t> version = sym_version_;
  std::set<uint16_t> used_before(sym_version_.begin(), sym_version_.end());
  // (file, version) -> the needs still to get an index.
  std::map<std::pair<std::string, std::string>, std::vector<size_t>> pending;
  for (const auto& [i, target] : retarget_) {
    const VersionNeed& n = needs_[i];
    version[n.index] = VER_NDX_GLOBAL;  // until an index is found
    if (target.empty()) continue;
    bool found = false;
    for (const Need& need : verneed_list_)
      for (const Aux& a : need.aux)
        if (need.file == n.file && a.name == target) {
          version[n.index] = a.index;
          found = true;
        }
    if (!found) pending[{n.file, target}].push_back(i);
  }
  std::set<uint16_t> used(version.begin(), version.end());
  auto find_string = [&](const std::string& s) -> int64_t {
    std::string key = s + '\0';
    size_t at = std::string_view(bytes->data() + dynstr_, dynstr_size_).find(key);
    return at == std::string::npos ? -1 : static_cast<int64_t>(at);
  };
  // Entries no symbol asks for any more, by file: renamed for a new version, or unlinked.
  std::vector<Need> needs = verneed_list_;
  std::map<std::string, std::vector<Aux*>> free_slots;
  for (Need& need : needs)
    for (Aux& a : need.aux)
      if (used_before.count(a.index) && !used.count(a.index)) free_slots[need.file].push_back(&a);
  for (const auto& [key, list] : pending) {
    auto& slots = free_slots[key.first];
    int64_t name = find_string(key.second);
    if (slots.empty() || name < 0) {
      for (size_t i : list) unversioned->push_back(needs_[i].symbol);
      continue;
    }
    Aux* slot = slots.back();
    slots.pop_back();
    Elf64_Vernaux va;
    Get(*bytes, slot->offset, &va);
    va.vna_name = static_cast<Elf64_Word>(name);
    va.vna_hash = ElfHash(key.second);
    va.vna_flags = 0;
    Put(bytes, slot->offset, va);
    slot->name = key.second;
    for (size_t i : list) version[needs_[i].index] = slot->index;
  }
  // Unlink what stays free; a file left with no entry is unlinked whole.
  std::set<size_t> unlinked_aux;
  for (auto& [file, slots] : free_slots)
    for (Aux* a : slots) unlinked_aux.insert(a->offset);
  std::vector<const Need*> kept_needs;
  for (const Need& need : needs) {
    std::vector<const Aux*> kept;
    for (const Aux& a : need.aux)
      if (!unlinked_aux.count(a.offset)) kept.push_back(&a);
    if (kept.empty()) continue;
    kept_needs.push_back(&need);
    Elf64_Verneed vn;
    Get(*bytes, need.offset, &vn);
    if (kept.size() == need.aux.size()) continue;
    if (kept.front()->offset < need.offset) {
      *err = "unusual .gnu.version_r layout (an entry before its file)";
      return false;
    }
    vn.vn_cnt = static_cast<Elf64_Half>(kept.size());
    vn.vn_aux = static_cast<Elf64_Word>(kept.front()->offset - need.offset);
    Put(bytes, need.offset, vn);
    for (size_t k = 0; k < kept.size(); ++k) {
      Elf64_Vernaux va;
      Get(*bytes, kept[k]->offset, &va);
      if (k + 1 < kept.size() && kept[k + 1]->offset < kept[k]->offset) {
        *err = "unusual .gnu.version_r layout (entries out of order)";
        return false;
      }
      va.vna_next = k + 1 < kept.size() ? static_cast<Elf64_Word>(kept[k + 1]->offset - kept[k]->offset) : 0;
      Put(bytes, kept[k]->offset, va);
    }
  }
  if (kept_needs.size() != needs.size()) {
    if (kept_needs.empty() || kept_needs.front() != &needs.front()) {
      *err = "every version needed from the first library would go (not supported)";
      return false;
    }
    for (size_t k = 0; k < kept_needs.size(); ++k) {
      Elf64_Verneed vn;
      Get(*bytes, kept_needs[k]->offset, &vn);
      if (k + 1 < kept_needs.size() && kept_needs[k + 1]->offset < kept_needs[k]->offset) {
        *err = "unusual .gnu.version_r layout (files out of order)";
        return false;
      }
      vn.vn_next = k + 1 < kept_needs.size()
                       ? static_cast<Elf64_Word>(kept_needs[k + 1]->offset - kept_needs[k]->offset) : 0;
      Put(bytes, kept_needs[k]->offset, vn);
    }
    // The count is in the section header's sh_info and in DT_VERNEEDNUM.
    Elf64_Ehdr eh;
    Get(*bytes, 0, &eh);
    for (size_t i = 0; i < eh.e_shnum; ++i) {
      size_t at = eh.e_shoff + i * sizeof(Elf64_Shdr);
      Elf64_Shdr s;
      Get(*bytes, at, &s);
      if (s.sh_type == SHT_GNU_verneed) {
        s.sh_info = static_cast<Elf64_Word>(kept_needs.size());
        Put(bytes, at, s);
      } else if (s.sh_type == SHT_DYNAMIC) {
        for (size_t d = s.sh_offset; d + sizeof(Elf64_Dyn) <= s.sh_offset + s.sh_size; d += sizeof(Elf64_Dyn)) {
          Elf64_Dyn dyn;
          if (!Get(*bytes, d, &dyn) || dyn.d_tag == DT_NULL) break;
          if (dyn.d_tag == DT_VERNEEDNUM) {
            dyn.d_un.d_val = kept_needs.size();
            Put(bytes, d, dyn);
          }
        }
      }
    }
  }
  memcpy(&(*bytes)[versym_], version.data(), version.size() * 2);
  return true;
}

}  // namespace freezer
