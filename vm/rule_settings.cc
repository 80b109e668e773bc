#include "vm/rule_settings.h"

#include <stdlib.h>
#include <sys/stat.h>

#include <vector>

#include "archive/payload_format.h"
#include "vm/private_cache.h"

namespace vm {

namespace {

// Written last: its presence means every on_disk file of this payload is
// in place, so later starts cost one stat.
constexpr const char kOnDiskMarker[] = ".freezer-on-disk-complete";

bool Under(std::string_view name, const std::string& prefix) {
  return name == prefix || (name.size() > prefix.size() && name.compare(0, prefix.size(), prefix) == 0 &&
                            name[prefix.size()] == '/');
}

bool WriteOnDiskFiles(App& app, const std::string& dir, std::string* err) {
  struct stat st;
  std::string marker = dir + "/" + kOnDiskMarker;
  if (lstat(marker.c_str(), &st) == 0 && S_ISREG(st.st_mode)) return true;
  size_t written = 0;
  for (size_t i = 0; i < app.reader.size(); ++i) {
    payload::EntryView e = app.reader.entry(i);
    if (payload::IsModuleKind(e.kind)) continue;
    bool wanted = false;
    for (const auto& p : app.boot.on_disk) wanted = wanted || Under(e.name, p);
    if (!wanted) continue;
    std::vector<uint8_t> storage;
    std::span<const uint8_t> bytes = app.EntryBytes(static_cast<long>(i), &storage);
    if (!PutPrivateFile(dir, std::string(e.name), bytes, PrivateDataFileMode(app.boot, e.name), err)) return false;
    ++written;
  }
  app.trace.Log("wrote %zu on-disk files of package rules to %s", written, dir.c_str());
  return PutPrivateFile(dir, kOnDiskMarker, {}, 0600, err);
}

}  // namespace

bool ApplyRuleSettings(App& app, std::string* err) {
  const payload::BootManifest& boot = app.boot;
  if (boot.on_disk.empty() && boot.environment.empty() && boot.load_libraries.empty()) return true;
  PrivateDirsInUse dirs_in_use;
  std::string dir;
  auto files_dir = [&]() {
    if (dir.empty() && !PrivatePayloadDir("files", app.digest_hex, &dir, err)) {
      *err = "cannot write the files package rules need on disk: " + *err;
      return false;
    }
    return true;
  };
  if (!boot.on_disk.empty() && (!files_dir() || !WriteOnDiskFiles(app, dir, err))) return false;
  app.files_dir = dir;
  const std::string placeholder = payload::kOnDiskFilesPlaceholder;
  for (const auto& entry : boot.environment) {
    std::string name = entry.substr(0, entry.find('=')), value = entry.substr(entry.find('=') + 1);
    if (getenv(name.c_str())) continue;
    for (size_t at = value.find(placeholder); at != std::string::npos;
         at = value.find(placeholder, at + dir.size())) {
      if (!files_dir()) return false;
      value.replace(at, placeholder.size(), dir);
    }
    setenv(name.c_str(), value.c_str(), 0);
    app.trace.Log("package rule environment %s=%s", name.c_str(), value.c_str());
  }
  for (const auto& lib : boot.load_libraries) {
    std::string loaded;
    if (!app.native.Load(app.native_manifest(), lib, &loaded, err)) {
      *err = "cannot load " + lib + ", which a package rule loads at start: " + *err;
      return false;
    }
    app.trace.Log("package rule library %s loaded from %s", lib.c_str(), loaded.c_str());
  }
  return true;
}

}  // namespace vm
