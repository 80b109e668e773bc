// Helpers for the tests of the read-only subcommands: apps written to a
// fresh temporary directory.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "archive/boot_manifest.h"
#include "archive/payload_test_util.h"

namespace freezer::testing {

// A new empty directory, removed with everything in it at scope exit.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = ::testing::TempDir() + "freezer-test-XXXXXX";
    path_ = mkdtemp(tmpl.data()) ? tmpl : "";
    EXPECT_FALSE(path_.empty());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

inline void WriteBytes(const std::string& path, const std::vector<uint8_t>& bytes) {
  std::ofstream f(path, std::ios::binary);
  f.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  ASSERT_TRUE(f.good()) << path;
}

inline std::string ReadBytes(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), {});
}

// SampleEntries with a real boot manifest instead of the placeholder.
inline std::vector<payload::PayloadEntry> AppEntries() {
  std::vector<payload::PayloadEntry> entries = payload::testing::SampleEntries();
  payload::BootManifest m;
  m.entry_kind = payload::BootManifest::EntryKind::kModule;
  m.entry_target = "a.b";
  m.sources = true;
  m.optimize = 1;
  m.xoptions = {"utf8"};
  for (auto& e : entries)
    if (e.kind == payload::EntryKind::kBootConfig) e.bytes = payload::SerializeBootManifest(m);
  return entries;
}

}  // namespace freezer::testing
