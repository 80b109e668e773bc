#include "freezer/native/elf_file.h"

#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace freezer {

namespace {

std::vector<std::string> SplitPath(const char* s) {
  std::vector<std::string> out;
  std::string cur;
  for (const char* p = s; *p; ++p) {
    if (*p == ':') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += *p;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

std::vector<int> VersionNumbers(const std::string& v) {
  std::vector<int> n;
  size_t i = v.find('_');
  if (i == std::string::npos) return n;
  const char* p = v.c_str() + i + 1;
  while (*p) {
    char* end;
    n.push_back(static_cast<int>(strtol(p, &end, 10)));
    if (end == p) break;
    p = *end == '.' ? end + 1 : end;
    if (*end != '.') break;
  }
  return n;
}

}  // namespace

bool GlibcVersionLess(const std::string& a, const std::string& b) {
  return VersionNumbers(a) < VersionNumbers(b);
}

bool ReadElfFile(const std::string& path, ElfFile* out, std::string* err) {
  *out = ElfFile{};
  if (elf_version(EV_CURRENT) == EV_NONE) {
    *err = "libelf is too old";
    return false;
  }
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *err = "cannot read '" + path + "': " + strerror(errno);
    return false;
  }
  Elf* elf = elf_begin(fd, ELF_C_READ_MMAP, nullptr);
  bool ok = elf && elf_kind(elf) == ELF_K_ELF && gelf_getclass(elf) == ELFCLASS64;
  if (!ok) *err = "'" + path + "' is not a 64-bit ELF file";
  for (Elf_Scn* scn = nullptr; ok && (scn = elf_nextscn(elf, scn));) {
    GElf_Shdr sh;
    if (!gelf_getshdr(scn, &sh)) continue;
    Elf_Data* data = elf_getdata(scn, nullptr);
    if (!data) continue;
    if (sh.sh_type == SHT_DYNAMIC && sh.sh_entsize) {
      for (size_t i = 0; i < sh.sh_size / sh.sh_entsize; ++i) {
        GElf_Dyn dyn;
        if (!gelf_getdyn(data, static_cast<int>(i), &dyn)) break;
        const char* s = nullptr;
        if (dyn.d_tag == DT_NEEDED || dyn.d_tag == DT_SONAME || dyn.d_tag == DT_RPATH ||
            dyn.d_tag == DT_RUNPATH)
          s = elf_strptr(elf, sh.sh_link, dyn.d_un.d_val);
        if (!s) continue;
        if (dyn.d_tag == DT_NEEDED) out->needed.push_back(s);
        if (dyn.d_tag == DT_SONAME) out->soname = s;
        if (dyn.d_tag == DT_RPATH) out->rpath = SplitPath(s);
        if (dyn.d_tag == DT_RUNPATH) out->runpath = SplitPath(s);
      }
    } else if (sh.sh_type == SHT_GNU_verneed) {
      // Version needs: per needed file, the symbol versions asked of it.
      size_t offset = 0;
      for (size_t n = 0; n < sh.sh_info; ++n) {
        GElf_Verneed vn;
        if (!gelf_getverneed(data, static_cast<int>(offset), &vn)) break;
        const char* file = elf_strptr(elf, sh.sh_link, vn.vn_file);
        size_t aux = offset + vn.vn_aux;
        for (size_t k = 0; k < vn.vn_cnt; ++k) {
          GElf_Vernaux va;
          if (!gelf_getvernaux(data, static_cast<int>(aux), &va)) break;
          const char* name = elf_strptr(elf, sh.sh_link, va.vna_name);
          if (file && name && strncmp(name, "GLIBC_", 6) == 0 &&
              strncmp(name, "GLIBC_PRIVATE", 13) != 0)
            out->glibc_versions.push_back(name);
          if (!va.vna_next) break;
          aux += va.vna_next;
        }
        if (!vn.vn_next) break;
        offset += vn.vn_next;
      }
    }
  }
  if (elf) elf_end(elf);
  close(fd);
  return ok;
}

}  // namespace freezer
