#include "vm/app.h"

#include <elf.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

#include <cstdio>

namespace vm {

namespace {

// Where the stub's own ELF image ends (its section header table is last).
// Bytes after it mean a payload was appended: a missing trailer then means
// damage (truncation), not a bare stub.
uint64_t ElfImageEnd(std::span<const uint8_t> file) {
  Elf64_Ehdr eh;
  if (file.size() < sizeof(eh)) return 0;
  memcpy(&eh, file.data(), sizeof(eh));
  if (memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 || eh.e_ident[EI_CLASS] != ELFCLASS64) return 0;
  return eh.e_shoff + static_cast<uint64_t>(eh.e_shnum) * eh.e_shentsize;
}

std::string Hex(const uint8_t* bytes, size_t n) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    out += kHex[bytes[i] >> 4];
    out += kHex[bytes[i] & 15];
  }
  return out;
}

}  // namespace

bool ExecutableFromExecFn(const char* execfn, bool secure, std::string* path, std::string* err) {
  // Set-id or file capabilities: what the kernel ran must be known for sure,
  // and a path can be swapped by whoever made the call.
  if (secure) {
    *err = "cannot locate its own executable: /proc/self/exe is needed in secure-execution mode";
    return false;
  }
  // The name execve() was given, relative to the directory it was called
  // in (still ours: nothing has run yet); argv[0] is the caller's choice and
  // would let `execv("./app", {"./other"})` run the other file's payload.
  char buf[PATH_MAX];
  if (execfn && execfn[0] && realpath(execfn, buf)) {
    *path = buf;
    return true;
  }
  *err = "cannot locate its own executable (no /proc/self/exe, no AT_EXECFN)";
  return false;
}

bool FindExecutable(std::string* path, std::string* err) {
  char buf[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
  if (n > 0) {
    path->assign(buf, static_cast<size_t>(n));
    return true;
  }
  return ExecutableFromExecFn(reinterpret_cast<const char*>(getauxval(AT_EXECFN)),
                              getauxval(AT_SECURE) != 0, path, err);
}

bool App::Open(const std::string& executable, std::string* err) {
  path = executable;
  if (!file.Open(path, err)) return false;
  page_release.Watch(file.bytes());
  switch (reader.Open(file.bytes(), err)) {
    case payload::PayloadReader::OpenResult::kOk: break;
    case payload::PayloadReader::OpenResult::kNoPayload: {
      uint64_t image_end = ElfImageEnd(file.bytes());
      if (image_end != 0 && file.bytes().size() > image_end)
        *err = "damaged payload: no trailer at the end of the file (truncated?)";
      else
        *err = "no payload: this is a bare freezer stub; "
               "make an app with `freezer build script.py -o app`";
      return false;
    }
    case payload::PayloadReader::OpenResult::kDamaged:
      *err = "damaged payload: " + *err;
      return false;
  }
  trace.Log("payload: %zu entries, %llu bytes", reader.size(),
            static_cast<unsigned long long>(reader.trailer().payload_size));

  std::string text;
  switch (reader.ReadText(payload::kBootManifestPath, &text, err)) {
    case payload::PayloadReader::TextResult::kAbsent: *err = "damaged payload: no boot manifest"; return false;
    case payload::PayloadReader::TextResult::kDamaged: *err = "damaged payload: " + *err; return false;
    case payload::PayloadReader::TextResult::kOk: break;
  }
  if (!payload::ParseBootManifest(text, &boot, err)) {
    *err = "damaged payload: " + *err;
    return false;
  }
  // Private cache directories are named by the first 16 bytes of the SHA-256.
  digest_hex = Hex(reader.digest().data(), 16);
  native.Init(&reader, &trace);
  return true;
}

void App::DamagedPayload(const std::string& what) const {
  fflush(stdout);
  fprintf(stderr, "%s: damaged payload: %s\n", program_name.c_str(), what.c_str());
  fflush(stderr);
  _exit(1);
}

std::span<const uint8_t> App::EntryBytes(long index, std::vector<uint8_t>* storage) const {
  std::span<const uint8_t> bytes;
  std::string err;
  if (!reader.Read(static_cast<size_t>(index), &bytes, storage, &err)) DamagedPayload(err);
  return bytes;
}

const payload::NativeManifest& App::native_manifest() {
  if (native_manifest_) return *native_manifest_;
  native_manifest_.emplace();
  std::string text, err;
  switch (reader.ReadText(payload::kNativeManifestPath, &text, &err)) {
    case payload::PayloadReader::TextResult::kAbsent: break;
    case payload::PayloadReader::TextResult::kDamaged: DamagedPayload(err);
    case payload::PayloadReader::TextResult::kOk:
      if (!payload::ParseNativeManifest(text, &*native_manifest_, &err)) DamagedPayload(err);
      break;
  }
  return *native_manifest_;
}

}  // namespace vm
