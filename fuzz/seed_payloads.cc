#include "fuzz/seed_payloads.h"

#include <cstdlib>
#include <cstring>

#include "archive/boot_manifest.h"
#include "archive/payload_writer.h"

namespace payload_fuzz {

namespace {

using payload::EntryKind;
using payload::PayloadEntry;

constexpr uint32_t kPyMagic = 0x0a0d0da7;  // CPython 3.11

std::string Pyc(const std::string& body) {
  std::string h(payload::kPycHeaderSize, '\0');
  std::memcpy(h.data(), &kPyMagic, 4);
  h[4] = 1;  // PEP 552 flags: hash-based, unchecked
  return h + body;
}

std::string App(std::vector<PayloadEntry> entries) {
  std::string out = "\x7f" "ELFstub";  // tiny stand-in for the stub
  std::string err;
  if (!payload::WritePayload(out.size(), kPyMagic, std::move(entries), &out, &err)) abort();
  return out;
}

std::string Boot() {
  payload::BootManifest m;
  m.entry_kind = payload::BootManifest::EntryKind::kScript;
  m.script_name = "app.py";
  m.xoptions = {"utf8"};
  return payload::SerializeBootManifest(m);
}

}  // namespace

std::vector<std::pair<std::string, std::string>> SeedPayloads() {
  std::string text;
  for (int i = 0; i < 20; ++i) text += "line " + std::to_string(i % 3) + "\n";
  return {
      {"seed-empty", App({})},
      {"seed-one-file", App({{"d.txt", EntryKind::kData, "data"}})},
      {"seed-script",
       App({{"__main__", EntryKind::kModule, Pyc("main code")},
            {"pkg", EntryKind::kPackage, Pyc("pkg")},
            {"pkg.mod", EntryKind::kModule, Pyc("mod")},
            {"pkg/mod.py", EntryKind::kSource, "x = 1\n"},
            {std::string(payload::kBootManifestPath), EntryKind::kBootConfig, Boot()}})},
      {"seed-deflated",
       App({{"m", EntryKind::kModule, Pyc(text), true},
            {"t.txt", EntryKind::kData, text + text, true},
            {"empty", EntryKind::kData, "", true}})},
      {"seed-all-kinds",
       App({{"a", EntryKind::kModule, Pyc("a")},
            {"p", EntryKind::kPackage, Pyc("p")},
            {"a.py", EntryKind::kSource, "a\n"},
            {"p/d.bin", EntryKind::kData, std::string("\0\1\2", 3)},
            {"p/_x.cpython-311-x86_64-linux-gnu.so", EntryKind::kExtension, "\x7f" "ELF"},
            {"libs/libz.so.1", EntryKind::kSharedLib, "\x7f" "ELF"},
            {"p-1.0.dist-info/METADATA", EntryKind::kMetadata, "Name: p\n"},
            {"\xc3\xa9t\xc3\xa9.txt", EntryKind::kData, "utf8 name"},
            {std::string(payload::kBootManifestPath), EntryKind::kBootConfig, Boot()}})},
  };
}

}  // namespace payload_fuzz
