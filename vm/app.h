// The running app: one object made at boot that lives until the process
// exits, holding what every part of vm/ works from (the executable and its
// mapped payload, the manifests, the native loader, the packages extracted
// so far, the payload importer). No CPython here: the importer is only a
// pointer, set once it is installed.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "archive/boot_manifest.h"
#include "archive/mapped_file.h"
#include "archive/native_manifest.h"
#include "archive/payload_reader.h"
#include "vm/boot_trace.h"
#include "vm/native_loader.h"
#include "vm/payload_page_release.h"

typedef struct _object PyObject;

namespace vm {

// The running executable: /proc/self/exe, or when /proc is not mounted the
// file the kernel executed (AT_EXECFN, never argv[0]); refused then in
// secure-execution mode (AT_SECURE).
bool FindExecutable(std::string* path, std::string* err);
// The part without /proc: `execfn` resolved against the current directory.
bool ExecutableFromExecFn(const char* execfn, bool secure, std::string* path, std::string* err);

struct App {
  App() = default;
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // Maps the executable at `path` (absolute) and checks its payload and
  // boot manifest. On failure `err` is the message for "<program>: <err>".
  bool Open(const std::string& path, std::string* err);

  // Prints "<program>: damaged payload: <what>" and exits with status 1:
  // bytes that fail their check are never run.
  [[noreturn]] void DamagedPayload(const std::string& what) const;

  // Entry `index`, CRC-checked; damage is fatal.
  std::span<const uint8_t> EntryBytes(long index, std::vector<uint8_t>* storage) const;

  // The ".freezer/native" member, read at the first extension load (apps
  // without extensions never read it); damage is fatal.
  const payload::NativeManifest& native_manifest();

  std::string program_name = "app";  // argv[0], for messages
  std::string path;          // absolute; modules appear as <path>/pkg/mod.py
  BootTrace trace;
  // The mapping lives as long as the process: code objects and extension
  // bytes are read from it on demand.
  payload::MappedFile file;
  payload::PayloadReader reader;
  PayloadPageRelease page_release;  // of `file`, once bytecode is read
  payload::BootManifest boot;
  std::string digest_hex;  // names this payload's private cache directories
  // The multiprocessing child key (vm/child_key.h): inherited from the
  // parent, or made when this process first starts a child; "" until then.
  std::string child_key;
  // The PYTHON* variables the parent set for this process (named with the
  // key), and the PYTHON* entries it got from outside and ignores
  // (vm/python_child_environment.h): a python child it starts honours the
  // others.
  std::vector<std::string> trusted_python_env;
  std::set<std::string> inherited_python_env;
  // This process is one of the app's children run as python would
  // (vm/python_child.h): decided before the interpreter is configured.
  bool python_child = false;
  NativeLoader native;
  // --extract-package: package -> the directory its files were written to.
  // The private "files" directory on_disk entries were written to ("" when none).
  std::string files_dir;
  std::map<std::string, std::string> extracted;
  PyObject* importer = nullptr;  // vm/payload_importer.h, once installed
  // --debug-imports: the native members whose loading was told (vm/extension_loading.cc).
  std::set<std::string> traced_native;

 private:
  std::optional<payload::NativeManifest> native_manifest_;
};

}  // namespace vm
