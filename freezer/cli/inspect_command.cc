#include "freezer/cli/inspect_command.h"

#include <array>
#include <cstdio>
#include <vector>

#include "freezer/cli/diagnostics.h"
#include "freezer/cli/subcommand.h"
#include "archive/boot_manifest.h"
#include "archive/native_manifest.h"
#include "archive/payload_digest.h"
#include "freezer/app_reader.h"
#include "freezer/json_writer.h"

namespace freezer {

namespace {

// Entry kinds as inspect groups them.
struct KindGroup {
  const char* key;    // JSON key
  const char* label;  // text label
  uint64_t count = 0, size = 0, stored_size = 0;
};

size_t GroupOf(payload::EntryKind k) {
  switch (k) {
    case payload::EntryKind::kModule:
    case payload::EntryKind::kPackage: return 0;
    case payload::EntryKind::kSource: return 1;
    case payload::EntryKind::kExtension: return 2;
    case payload::EntryKind::kSharedLib: return 3;
    case payload::EntryKind::kData: return 4;
    case payload::EntryKind::kMetadata: return 5;
    case payload::EntryKind::kBootConfig: return 6;
  }
  return 4;
}

const char* EntryKindName(payload::BootManifest::EntryKind k) {
  switch (k) {
    case payload::BootManifest::EntryKind::kScript: return "script";
    case payload::BootManifest::EntryKind::kModule: return "module";
    case payload::BootManifest::EntryKind::kFunction: return "function";
  }
  return "script";
}

std::string MagicHex(uint32_t magic) {
  char buf[9];
  const auto* b = reinterpret_cast<const uint8_t*>(&magic);  // file byte order
  snprintf(buf, sizeof buf, "%02x%02x%02x%02x", b[0], b[1], b[2], b[3]);
  return buf;
}

std::string Join(const std::vector<std::string>& v) {
  if (v.empty()) return "-";
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ",") + x;
  return s;
}

// A member of the freezer's own, or why there is none to show.
bool ReadMember(const payload::PayloadReader& r, std::string_view path, std::string* text,
                std::string* err) {
  switch (r.ReadText(path, text, err)) {
    case payload::PayloadReader::TextResult::kAbsent: *err = "no " + std::string(path) + " entry"; return false;
    case payload::PayloadReader::TextResult::kDamaged: return false;
    case payload::PayloadReader::TextResult::kOk: return true;
  }
  return false;
}

bool ReadManifest(const payload::PayloadReader& r, payload::BootManifest* m, std::string* err) {
  std::string text;
  return ReadMember(r, payload::kBootManifestPath, &text, err) &&
         payload::ParseBootManifest(text, m, err);
}

// The glibc floor recorded at build time ("" when unknown).
payload::NativeManifest ReadNative(const payload::PayloadReader& r) {
  payload::NativeManifest n;
  std::string text, err;
  if (ReadMember(r, payload::kNativeManifestPath, &text, &err))
    payload::ParseNativeManifest(text, &n, &err);
  return n;
}

}  // namespace

std::optional<std::string> PythonVersionOfMagic(uint32_t magic) {
  if ((magic >> 16) != 0x0a0d) return std::nullopt;  // "\r\n" after the number
  const uint32_t n = magic & 0xffff;
  // Ranges from CPython's Lib/importlib/_bootstrap_external.py.
  static const struct { uint32_t lo, hi; const char* version; } kTable[] = {
      {3360, 3379, "3.6"},  {3390, 3399, "3.7"},  {3400, 3419, "3.8"},
      {3420, 3429, "3.9"},  {3430, 3449, "3.10"}, {3450, 3499, "3.11"},
      {3500, 3549, "3.12"}, {3550, 3599, "3.13"},
  };
  for (const auto& e : kTable)
    if (n >= e.lo && n <= e.hi) return std::string(e.version);
  return std::nullopt;
}

namespace {

// What inspect shows, read once from the app.
struct AppFacts {
  std::array<KindGroup, 7> groups = {{{"bytecode", "bytecode"},
                                      {"source", "source"},
                                      {"extension", "extension"},
                                      {"shared_library", "shared library"},
                                      {"data", "data"},
                                      {"metadata", "metadata"},
                                      {"boot_config", "boot config"}}};
  uint64_t deflated = 0;
  uint64_t zstd = 0;
  payload::BootManifest m;
  std::string manifest_err;
  bool have_manifest = false;
  std::optional<std::string> version;
  std::string digest;
  payload::NativeManifest native;
};

AppFacts GatherFacts(const payload::PayloadReader& r) {
  AppFacts f;
  for (size_t i = 0; i < r.size(); ++i) {
    payload::EntryView e = r.entry(i);
    KindGroup& g = f.groups[GroupOf(e.kind)];
    ++g.count;
    g.size += e.size;
    g.stored_size += e.stored_size;
    f.deflated += e.compression == payload::Compression::kDeflate;
    f.zstd += e.compression == payload::Compression::kZstd;
  }
  f.have_manifest = ReadManifest(r, &f.m, &f.manifest_err);
  f.version = PythonVersionOfMagic(r.trailer().python_magic);
  f.digest = payload::DigestString(r.digest());
  f.native = ReadNative(r);
  return f;
}

std::string FactsJson(const std::string& path, const payload::PayloadReader& r, const AppFacts& f) {
  const payload::Trailer& t = r.trailer();
  const auto& [groups, deflated, zstd, m, manifest_err, have_manifest, version, digest, native] = f;
  JsonWriter w;
  w.BeginObject();
  w.Key("app").String(path);
  w.Key("format_version").Number(t.format_version);
  w.Key("python_version");
  if (version) w.String(*version); else w.Null();
  w.Key("bytecode_magic").String(MagicHex(t.python_magic));
  w.Key("bytecode_magic_number").Number(t.python_magic & 0xffff);
  w.Key("entry");
  if (have_manifest) {
    w.BeginObject().Key("kind").String(EntryKindName(m.entry_kind));
    w.Key("target").String(m.entry_kind == payload::BootManifest::EntryKind::kScript
                               ? m.script_name : m.entry_target);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("build_options");
  if (have_manifest) {
    w.BeginObject();
    w.Key("include_source").Bool(m.sources);
    w.Key("unbuffered").Bool(m.unbuffered);
    w.Key("optimize").Number(static_cast<uint64_t>(m.optimize));
    w.Key("xoptions").BeginArray();
    for (const auto& x : m.xoptions) w.String(x);
    w.EndArray().Key("warnings").BeginArray();
    for (const auto& x : m.warnings) w.String(x);
    w.EndArray().Key("allow_env").BeginArray();
    for (const auto& x : m.allow_env) w.String(x);
    w.EndArray().EndObject();
  } else {
    w.Null();
  }
  if (!have_manifest) w.Key("boot_manifest_error").String(manifest_err);
  w.Key("file_size").Number(r.file().size());
  w.Key("stub_size").Number(t.payload_offset);
  w.Key("payload_size").Number(t.payload_size);
  w.Key("entry_count").Number(r.size());
  w.Key("deflated_entries").Number(deflated);
  w.Key("zstd_entries").Number(zstd);
  w.Key("native_load").String(native.load_memory ? "memory" : "cache");
  w.Key("kinds").BeginObject();
  for (const KindGroup& g : groups) {
    w.Key(g.key).BeginObject();
    w.Key("count").Number(g.count).Key("size").Number(g.size);
    w.Key("stored_size").Number(g.stored_size).EndObject();
  }
  w.EndObject();
  w.Key("digest").String(digest);
  // Every byte but the digest's own 32, at the end of the file.
  w.Key("digest_covers").Number(r.file().size() - payload::kDigestSize);
  // The newest GLIBC_x.y symbol version the stub or any bundled file needs.
  w.Key("glibc_floor");
  if (native.glibc_floor.empty()) w.Null(); else w.String(native.glibc_floor);
  w.Key("glibc_floor_file");
  if (native.glibc_floor.empty()) w.Null(); else w.String(native.glibc_floor_file);
  w.Key("glibc_floor_symbol");
  if (native.glibc_floor_symbol.empty()) w.Null(); else w.String(native.glibc_floor_symbol);
  w.EndObject();
  return w.str() + "\n";
}

std::string FactsText(const std::string& path, const payload::PayloadReader& r, const AppFacts& f) {
  const payload::Trailer& t = r.trailer();
  const auto& [groups, deflated, zstd, m, manifest_err, have_manifest, version, digest, native] = f;
  std::string s;
  auto line = [&](const char* label, const std::string& value) {
    char buf[32];
    snprintf(buf, sizeof buf, "%-16s", label);
    s += buf + value + "\n";
  };
  line("app:", path);
  line("format version:", std::to_string(t.format_version));
  line("python:", version.value_or("unknown") + " (bytecode magic " + MagicHex(t.python_magic) +
                      ", " + std::to_string(t.python_magic & 0xffff) + ")");
  if (have_manifest) {
    line("entry:", std::string(EntryKindName(m.entry_kind)) + " " +
                       (m.entry_kind == payload::BootManifest::EntryKind::kScript ? m.script_name
                                                                               : m.entry_target));
    line("build options:", "optimize=" + std::to_string(m.optimize) +
                               " include_source=" + (m.sources ? "yes" : "no") +
                               " unbuffered=" + (m.unbuffered ? "yes" : "no") +
                               " xoptions=" + Join(m.xoptions) + " warnings=" + Join(m.warnings) +
                               " allow_env=" + Join(m.allow_env));
  } else {
    line("entry:", "unknown (" + manifest_err + ")");
  }
  line("stub:", std::to_string(t.payload_offset) + " bytes");
  line("payload:", std::to_string(t.payload_size) + " bytes, " + std::to_string(r.size()) +
                       " entries (" + std::to_string(deflated) + " deflated, " + std::to_string(zstd) + " zstd)");
  line("native load:", native.load_memory ? "memory (memfds only, nothing written to disk)"
                                          : "cache (the shared per-user cache, memfds as the fallback)");
  line("digest:", digest + " (of the whole file; checked on opening)");
  line("glibc floor:", native.glibc_floor.empty()
                          ? "unknown"
                          : native.glibc_floor + " (needed by " + native.glibc_floor_file +
                                (native.glibc_floor_symbol.empty() ? "" : ": " + native.glibc_floor_symbol) + ")");
  char buf[128];
  snprintf(buf, sizeof buf, "%-16s %8s %12s %12s\n", "kind", "count", "size", "stored");
  s += buf;
  for (const KindGroup& g : groups) {
    snprintf(buf, sizeof buf, "%-16s %8llu %12llu %12llu\n", g.label,
             static_cast<unsigned long long>(g.count), static_cast<unsigned long long>(g.size),
             static_cast<unsigned long long>(g.stored_size));
    s += buf;
  }
  return s;
}

}  // namespace

bool InspectApp(const std::string& path, bool json, std::string* out, std::string* err) {
  AppReader app;
  if (!OpenApp(path, &app, err)) return false;
  AppFacts facts = GatherFacts(app.reader);
  *out = json ? FactsJson(path, app.reader, facts) : FactsText(path, app.reader, facts);
  return true;
}

std::shared_ptr<InspectOptions> SetupInspect(CLI::App& app) {
  auto o = std::make_shared<InspectOptions>();
  CLI::App* cmd = app.add_subcommand(
      "inspect", "Show how a frozen executable was built: Python, entry, options, sizes, digest");
  cmd->add_option("app", o->app, "A frozen executable")->required();
  cmd->add_flag("--json", o->json, "One JSON object");
  OnRun(cmd, o, RunInspect);
  return o;
}

int RunInspect(const InspectOptions& options) {
  std::string out, err;
  if (!InspectApp(options.app, options.json, &out, &err)) {
    PrintError(err);
    return 1;
  }
  fputs(out.c_str(), stdout);
  return 0;
}

}  // namespace freezer
