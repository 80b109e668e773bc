#include "freezer/graph/pyc_cache.h"

#include <unistd.h>

#include <cstring>

#include "archive/python_abi.h"
#include "freezer/graph/import_forwarders.h"
#include "freezer/graph/python_runtime.h"
#include "freezer/graph/scan_record.h"
#include "freezer/native/binary_module_names.h"

namespace freezer {

namespace {

constexpr uint32_t kFlagHashBased = 0x1;
constexpr uint32_t kFlagCheckSource = 0x2;

uint32_t LE32(const std::string& s, size_t at) {
  uint32_t v;
  memcpy(&v, s.data() + at, 4);
  return v;
}

void PutLE32(std::string* out, uint32_t v) {
  char b[4];
  memcpy(b, &v, 4);
  out->append(b, 4);
}

std::string Stem(const std::string& path) {
  std::string base = Basename(path);
  size_t dot = base.rfind('.');
  return dot == std::string::npos ? base : base.substr(0, dot);
}

// What is bundled: an unchecked hash-based pyc (PEP 552), valid for
// python3.11 as it is and free of timestamps.
std::string BundledPyc(const std::string& source_hash, const std::string& body) {
  std::string pyc;
  PutLE32(&pyc, PythonMagic());
  PutLE32(&pyc, kFlagHashBased);
  return pyc + source_hash + body;
}

// What discovery reads from a module's code: imports, codec and module
// names in strings, whether it reads __file__.
void ScanCompiled(PyObject* code, bool is_entry, CompiledModule* out) {
  out->imports.clear();
  CodeImports(code, is_entry, &out->imports);
  out->codec_names.clear();
  ScanCodecNames(code, &out->codec_names);
  out->name_strings.clear();
  ScanModuleNameStrings(code, &out->name_strings);
  out->names_file = NamesDunderFile(code);
  out->frozen_off = TurnsFrozenModulesOff(code);
  out->import_forwarders.clear();
  ScanImportForwarders(code, &out->import_forwarders);
}

}  // namespace

bool CompileEmptyPackage(const std::string& code_filename, CompiledModule* out,
                         std::string* err) {
  PyRef code;
  std::string body;
  if (!CompileSource("", code_filename, code_filename, 0, &code, err) ||
      !MarshalCode(code.get(), &body))
    return false;
  out->pyc = BundledPyc(SourceHash(""), body);
  out->imports.clear();
  out->source.clear();
  return true;
}

bool PycCache::CompileText(const std::string& source, const std::string& code_filename,
                           CompiledModule* out, std::string* err) {
  PyRef code;
  std::string body;
  if (!CompileSource(source, code_filename, code_filename, options_.optimize, &code, err,
                     &out->syntax_error_raiser))
    return false;
  if (!MarshalCode(code.get(), &body)) {
    *err = code_filename + ": cannot marshal its code";
    return false;
  }
  out->pyc = BundledPyc(SourceHash(source), body);
  out->source = source;
  ScanCompiled(code.get(), false, out);
  return true;
}

PycCache::PycCache(Disk* disk, PycCacheOptions options)
    : disk_(disk), options_(std::move(options)), trust_(disk, options_.dir) {
  if (options_.dir.empty()) return;
  if (std::string why = trust_.CheckTop(); !why.empty()) {
    Distrust("bytecode cache '" + options_.dir + "' not used: " + why);
    options_.dir.clear();
  }
}

void PycCache::Distrust(const std::string& why) {
  if (trust_warning_.empty()) trust_warning_ = why + "; compiled in memory";
}

bool PycCache::TreePycTrusted(const std::string& tree_path, const FileInfo& source) {
  for (const std::string& p : {Dirname(tree_path), tree_path}) {
    FileInfo info = disk_->Stat(p);
    if (info.type == FileInfo::Type::kMissing) return true;  // nothing to read
    const uint32_t me = static_cast<uint32_t>(geteuid());
    if (info.link || (info.mode & 022) ||
        (info.uid != 0 && info.uid != me && info.uid != source.uid)) {
      Distrust("'" + p + "' (beside the source) is not trusted: a symlink, writable by others, "
               "or owned by another user");
      return false;
    }
  }
  return true;
}

std::string PycCache::TreePath(const std::string& path) const {
  std::string tag = "." + std::string(payload::kCacheTag);
  if (options_.optimize) tag += ".opt-" + std::to_string(options_.optimize);
  return JoinPath(JoinPath(Dirname(path), "__pycache__"), Stem(path) + tag + ".pyc");
}

std::string PycCache::CachePath(const std::string& path) const {
  std::string abs = AbsolutePath(path);
  std::string tree = TreePath(abs);  // /a/b/__pycache__/x.cpython-311.pyc
  std::string dir = Dirname(Dirname(tree));
  return options_.dir + dir + "/" + Basename(tree);
}

std::string PycCache::CacheHeader(const FileInfo& info, const std::string& source_hash) const {
  std::string h;
  PutLE32(&h, PythonMagic());
  if (options_.hash_based) {
    PutLE32(&h, kFlagHashBased | kFlagCheckSource);
    h += source_hash;
  } else {
    PutLE32(&h, 0);
    PutLE32(&h, static_cast<uint32_t>(info.mtime_ns / 1000000000));
    PutLE32(&h, static_cast<uint32_t>(info.size));
  }
  return h;
}

std::string PycCache::ValidBody(const std::string& pyc, const FileInfo& source_info,
                                const std::string& source_hash) const {
  if (pyc.size() < payload::kPycHeaderSize || LE32(pyc, 0) != PythonMagic()) return {};
  uint32_t flags = LE32(pyc, 4);
  if (flags & ~(kFlagHashBased | kFlagCheckSource)) return {};
  if (flags & kFlagHashBased) {
    // Unchecked hash pycs are trusted as CPython trusts them.
    if ((flags & kFlagCheckSource) && pyc.compare(8, 8, source_hash) != 0) return {};
  } else {
    if (LE32(pyc, 8) != static_cast<uint32_t>(source_info.mtime_ns / 1000000000) ||
        LE32(pyc, 12) != static_cast<uint32_t>(source_info.size))
      return {};
  }
  return pyc.substr(payload::kPycHeaderSize);
}

bool PycCache::Load(const std::string& path, const std::string& code_filename, bool is_entry,
                    CompiledModule* out, std::string* err) {
  std::string source;
  if (!disk_->ReadFile(path, &source, err)) return false;
  FileInfo info = disk_->Stat(path);
  std::string hash = SourceHash(source);

  std::string body, existing;
  PyRef code;
  bool write_back = false;
  std::string cache_path = options_.dir.empty() ? "" : CachePath(path);
  if (!cache_path.empty()) {
    if (std::string why = trust_.CheckEntry(cache_path); !why.empty()) {
      Distrust("bytecode cache entry not used: " + why);
      cache_path.clear();  // neither read nor written
    }
  }
  const ScanKey key{code_filename, is_entry};
  if (!cache_path.empty() && disk_->ReadFile(cache_path, &existing, err)) {
    std::string stored = ValidBody(existing, info, hash);
    std::string_view code_bytes;
    if (!stored.empty() && SplitScanRecord(stored, key, &code_bytes, out)) {
      // Scanned when it was cached: no unmarshal, no scan.
      ++stats_.cache_hits;
      out->pyc = BundledPyc(hash, std::string(code_bytes));
      out->source = std::move(source);
      out->syntax_error_raiser.clear();
      return true;
    }
    body = std::string(code_bytes);
    if (!body.empty() && UnmarshalCode(body, &code)) {
      ++stats_.cache_hits;
      write_back = true;  // with its scan record
    } else {
      body.clear();
    }
  }
  err->clear();
  if (body.empty()) {
    std::string tree_pyc;
    if (TreePycTrusted(TreePath(path), info) && disk_->ReadFile(TreePath(path), &tree_pyc, err)) {
      body = ValidBody(tree_pyc, info, hash);
      if (!body.empty() && UnmarshalCode(body, &code)) {
        ++stats_.tree_hits;
        write_back = true;
      } else {
        body.clear();
      }
    }
    err->clear();
  }
  if (body.empty()) {
    if (!CompileSource(source, path, code_filename, options_.optimize, &code, err,
                       &out->syntax_error_raiser))
      return false;
    if (!MarshalCode(code.get(), &body)) {
      *err = path + ": cannot marshal its code";
      return false;
    }
    ++stats_.compiled;
    write_back = true;
  }
  // Inside the app the code names its path in the app, not the build
  // machine's: reproducible, and what tracebacks are fixed up from.
  if (CodeFilename(code.get()) != code_filename) {
    SetCodeFilename(code.get(), code_filename);
    if (!MarshalCode(code.get(), &body)) {
      *err = path + ": cannot marshal its code";
      return false;
    }
    write_back = true;
  }
  ScanCompiled(code.get(), is_entry, out);
  if (write_back && !cache_path.empty()) {
    std::string werr;
    if (!disk_->MakeDirs(Dirname(cache_path), &werr) ||
        !disk_->WriteCacheFile(cache_path, CacheHeader(info, hash) + AppendScanRecord(body, key, *out),
                               &werr)) {
      ++stats_.write_failures;
      if (write_warning_.empty()) write_warning_ = werr;
    }
  }
  out->pyc = BundledPyc(hash, body);
  out->source = std::move(source);
  return true;
}

bool PycCache::NativeNames(const std::string& path, std::vector<std::string>* names,
                           std::string* err) {
  FileInfo info = disk_->Stat(path);
  // First line: what the names were read from; the names follow, one a line.
  std::string key = "freezer native names 1\n" + FreezerIdentity() + "\n" +
                    FileIdentity(info.dev, info.ino, info.size, info.mtime_ns) + "\n";
  std::string cache_path = options_.dir.empty() || FreezerIdentity().empty() ||
                                   info.type != FileInfo::Type::kFile
                               ? ""
                               : options_.dir + AbsolutePath(path) + ".names";
  if (!cache_path.empty() && !trust_.CheckEntry(cache_path).empty()) cache_path.clear();
  std::string stored, ignored;
  if (!cache_path.empty() && disk_->ReadFile(cache_path, &stored, &ignored) &&
      stored.compare(0, key.size(), key) == 0) {
    names->clear();
    for (size_t at = key.size(); at < stored.size();) {
      size_t nl = stored.find('\n', at);
      if (nl == std::string::npos) break;
      names->push_back(stored.substr(at, nl - at));
      at = nl + 1;
    }
    return true;
  }
  std::string binary;
  if (!disk_->ReadFile(path, &binary, err)) return false;
  *names = ModuleNamesInBinary(binary);
  if (!cache_path.empty()) {
    std::string text = key, werr;
    for (const auto& n : *names) text += n + "\n";
    if (!disk_->MakeDirs(Dirname(cache_path), &werr) || !disk_->WriteCacheFile(cache_path, text, &werr)) {
      ++stats_.write_failures;
      if (write_warning_.empty()) write_warning_ = werr;
    }
  }
  return true;
}

}  // namespace freezer
