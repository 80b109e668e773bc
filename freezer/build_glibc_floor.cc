// --glibc-floor: the bundled extensions' and shared libraries' needs of
// glibc symbol versions newer than the floor, lowered in the bytes the app
// bundles (freezer/native/glibc_lowering.h), and the app's resulting floor:
// the newest version the stub or any bundled file still needs, the file and
// a symbol that needs it.
#include <regex>

#include "freezer/build_context.h"
#include "freezer/disk.h"
#include "freezer/native/elf_file.h"
#include "freezer/native/glibc_lowering.h"
#include "freezer/native/symbol_versions.h"

namespace freezer {

namespace {

// "2.17" or "GLIBC_2.17" -> "GLIBC_2.17"; "" when malformed.
std::string FloorVersion(const std::string& text) {
  static const std::regex kVersion("(GLIBC_)?(2\\.[0-9]+)");
  std::smatch m;
  return std::regex_match(text, m, kVersion) ? "GLIBC_" + m[2].str() : "";
}

struct Newest {
  std::string version, file, symbol;
  void Note(const std::string& v, const std::string& f, const std::string& s) {
    if (!v.empty() && (version.empty() || GlibcVersionLess(version, v))) {
      version = v;
      file = f;
      symbol = s;
    }
  }
};

}  // namespace

bool LowerGlibcFloor(BuildContext& ctx) {
  const std::string& option = ctx.options.glibc_floor;
  std::string stub_bytes;
  SymbolVersions stub;
  if (!ctx.disk->ReadFile(ctx.stub_path, &stub_bytes, &ctx.err) || !stub.Parse(stub_bytes, &ctx.err))
    return Error(ctx, ctx.stub_path + ": " + ctx.err);
  Newest newest;
  for (const VersionNeed& n : stub.needs())
    if (n.version.rfind("GLIBC_2.", 0) == 0) newest.Note(n.version, ctx.stub_path, n.symbol + "@" + n.version);
  const std::string stub_floor = newest.version;
  GlibcLoweringInputs in;
  in.floor = option.empty() ? stub_floor : FloorVersion(option);
  if (in.floor.empty())
    return Error(ctx, "--glibc-floor " + option + ": expected a glibc version such as 2.17");
  if (!stub_floor.empty() && GlibcVersionLess(in.floor, stub_floor))
    return Error(ctx, "--glibc-floor " + option + ": the stub itself needs glibc " +
                          stub_floor.substr(6) + " (" + newest.symbol + ")");
  for (const auto& [name, versions] : stub.definitions()) in.stub_exports.insert(name);
  std::vector<std::string> blocked;  // "FILE: sym@GLIBC_x, ..."
  bool host_read = false;
  for (payload::PayloadEntry& e : ctx.entries) {
    if (e.kind != payload::EntryKind::kExtension && e.kind != payload::EntryKind::kSharedLib) continue;
    std::string version, symbol;
    if (!GlibcNeed(e.bytes, &version, &symbol, &ctx.err)) return Error(ctx, e.name + ": " + ctx.err);
    if (version.empty() || !GlibcVersionLess(in.floor, version)) {
      newest.Note(version, e.name, symbol);
      continue;
    }
    if (!host_read && !ReadHostGlibc(SystemLibraryDirs(), &in.host, &ctx.err)) return false;
    host_read = true;
    GlibcLowering low;
    if (!LowerGlibcNeeds(in, &e.bytes, &low, &ctx.err))
      return Error(ctx, e.name + ": cannot rewrite its symbol versions: " + ctx.err);
    newest.Note(low.floor, e.name, low.floor_symbol);
    if (ctx.status->Verbose())
      for (const auto& line : low.lowered) ctx.status->Detail("glibc floor: " + e.name + ": " + line);
    if (!low.blockers.empty()) {
      std::string line = e.name + ":";
      for (size_t i = 0; i < low.blockers.size(); ++i) line += (i ? ", " : " ") + low.blockers[i];
      blocked.push_back(line);
    }
  }
  if (!blocked.empty()) {
    std::string list;
    for (const auto& b : blocked) list += "\n  " + b;
    std::string what = std::to_string(blocked.size()) +
                       (blocked.size() == 1 ? " bundled file needs" : " bundled files need") +
                       " glibc functions newer than " + in.floor.substr(6) +
                       " that exist at no older version and that the stub does not provide:";
    if (!option.empty()) return Error(ctx, "--glibc-floor " + option + ": " + what + list);
    ctx.status->LibraryWarning("the app needs glibc " + newest.version.substr(6) + ", not the stub's " +
                               in.floor.substr(6) + ": " + what + list +
                               "\n  (--glibc-floor " + in.floor.substr(6) + " makes this an error)");
  }
  ctx.native.glibc_floor = newest.version;
  ctx.native.glibc_floor_file = newest.file;
  ctx.native.glibc_floor_symbol = newest.symbol;
  ctx.result.glibc_floor = newest.version;
  ctx.result.glibc_floor_file = newest.file;
  ctx.result.glibc_floor_symbol = newest.symbol;
  return true;
}

}  // namespace freezer
