#include "vm/boot.h"

#include <Python.h>
#include <elf.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "archive/boot_manifest.h"
#include "archive/mapped_file.h"
#include "archive/payload_reader.h"
#include "vm/boot_trace.h"
#include "vm/interpreter_config.h"
#include "vm/main_runner.h"
#include "vm/payload_importer.h"

namespace vm {

namespace {

// The running executable: /proc/self/exe, or argv[0] resolved like a shell
// would when /proc is not mounted.
bool FindSelf(const char* argv0, std::string* path, std::string* err) {
  char buf[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
  if (n > 0) {
    path->assign(buf, static_cast<size_t>(n));
    return true;
  }
  std::string candidate;
  if (strchr(argv0, '/')) {
    candidate = argv0;
  } else if (const char* env_path = getenv("PATH")) {
    std::string dirs = env_path;
    size_t start = 0;
    while (start <= dirs.size()) {
      size_t end = dirs.find(':', start);
      if (end == std::string::npos) end = dirs.size();
      std::string dir = dirs.substr(start, end - start);
      std::string c = (dir.empty() ? "." : dir) + "/" + argv0;
      if (access(c.c_str(), X_OK) == 0) {
        candidate = c;
        break;
      }
      start = end + 1;
    }
  }
  if (!candidate.empty() && realpath(candidate.c_str(), buf)) {
    *path = buf;
    return true;
  }
  *err = "cannot locate its own executable (no /proc/self/exe)";
  return false;
}

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

int Fail(const std::string& program, const std::string& what) {
  fprintf(stderr, "%s: %s\n", program.c_str(), what.c_str());
  return 1;
}

}  // namespace

int BootApp(int argc, char** argv) {
  InitBootTrace();
  std::string program = argc > 0 ? argv[0] : "app";
  std::string app_path, err;
  if (!FindSelf(program.c_str(), &app_path, &err)) return Fail(program, err);
  BootTrace("executable %s", app_path.c_str());

  // The mapping lives as long as the process: code objects and extension
  // bytes are read from it on demand.
  static payload::MappedFile file;
  if (!file.Open(app_path, &err)) return Fail(program, err);
  static payload::PayloadReader reader;
  switch (reader.Open(file.bytes(), &err)) {
    case payload::PayloadReader::OpenResult::kOk: break;
    case payload::PayloadReader::OpenResult::kNoPayload: {
      uint64_t image_end = ElfImageEnd(file.bytes());
      if (image_end != 0 && file.bytes().size() > image_end)
        return Fail(program, "damaged payload: no trailer at the end of the file (truncated?)");
      return Fail(program, "no payload: this is a bare freezer stub; "
                           "make an app with `freezer build script.py -o app`");
    }
    case payload::PayloadReader::OpenResult::kDamaged:
      return Fail(program, "damaged payload: " + err);
  }
  BootTrace("payload: %zu entries, %llu bytes", reader.size(),
            static_cast<unsigned long long>(reader.trailer().payload_size));

  payload::BootManifest manifest;
  std::string manifest_text;
  switch (reader.ReadText(payload::kBootManifestPath, &manifest_text, &err)) {
    case payload::PayloadReader::TextResult::kAbsent: return Fail(program, "damaged payload: no boot manifest");
    case payload::PayloadReader::TextResult::kDamaged: return Fail(program, "damaged payload: " + err);
    case payload::PayloadReader::TextResult::kOk: break;
  }
  if (!payload::ParseBootManifest(manifest_text, &manifest, &err))
    return Fail(program, "damaged payload: " + err);

  InterpreterSetup setup{&manifest, app_path, argc, argv};
  if (!InitializeCore(setup, &err)) return Fail(program, "cannot start Python: " + err);

  if (!InstallPayloadImporter({&reader, app_path, program, manifest.sources, manifest.extract_packages}, &err)) return Fail(program, err);
  if (!InitializeMain(setup, &err)) return Fail(program, "cannot start Python: " + err);

  // What python does not have and frozen code expects to see.
  PySys_SetObject("frozen", Py_True);
  PrepareRuntime(manifest);
  return RunEntryAndFinalize(manifest, app_path);
}

}  // namespace vm
