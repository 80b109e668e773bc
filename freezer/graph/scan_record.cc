#include "freezer/graph/scan_record.h"

#include <sys/stat.h>

#include <cstdint>
#include <cstring>

namespace freezer {

namespace {

constexpr std::string_view kMarker = "FRZSCAN1";

// A field added to what a scan finds must be stored here too, or warm
// builds would lose it: these sizes are the tripwire (x86-64, libstdc++).
static_assert(sizeof(ImportRef) == 176, "store the new ImportRef field in the scan record");
// (syntax_error_raiser is never cached: a module that does not compile has no bytecode.)
static_assert(sizeof(CompiledModule) == 200, "store the new CompiledModule field in the scan record");

void PutU32(std::string* out, uint32_t v) {
  char b[4];
  memcpy(b, &v, 4);  // little-endian hosts only, as the rest of the cache
  out->append(b, 4);
}

void PutString(std::string* out, std::string_view s) {
  PutU32(out, static_cast<uint32_t>(s.size()));
  out->append(s);
}

void PutStrings(std::string* out, const std::vector<std::string>& v) {
  PutU32(out, static_cast<uint32_t>(v.size()));
  for (const auto& s : v) PutString(out, s);
}

// Reads what Put* wrote; every read is bounds-checked (a damaged cache
// entry is a miss, never a crash).
class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}
  bool U32(uint32_t* v) {
    if (data_.size() < 4) return false;
    memcpy(v, data_.data(), 4);
    data_.remove_prefix(4);
    return true;
  }
  bool String(std::string* s) {
    uint32_t n;
    if (!U32(&n) || data_.size() < n) return false;
    s->assign(data_.data(), n);
    data_.remove_prefix(n);
    return true;
  }
  bool Strings(std::vector<std::string>* v) {
    uint32_t n;
    if (!U32(&n) || n > data_.size()) return false;
    v->resize(n);
    for (auto& s : *v)
      if (!String(&s)) return false;
    return true;
  }
  bool Flag(bool* b) {
    uint32_t v;
    if (!U32(&v) || v > 1) return false;
    *b = v != 0;
    return true;
  }
  bool done() const { return data_.empty(); }

 private:
  std::string_view data_;
};

void PutFlag(std::string* out, bool b) { PutU32(out, b ? 1 : 0); }

std::string KeyText(const ScanKey& key) {
  return FreezerIdentity() + "\n" + key.code_filename + "\n" + (key.is_entry ? "entry" : "module");
}

}  // namespace

std::string FileIdentity(uint64_t dev, uint64_t ino, uint64_t size, int64_t mtime_ns) {
  return std::to_string(dev) + ":" + std::to_string(ino) + ":" + std::to_string(size) + ":" +
         std::to_string(mtime_ns);
}

const std::string& FreezerIdentity() {
  static const std::string identity = [] {
    struct stat st;
    if (stat("/proc/self/exe", &st) != 0) return std::string();  // no record is ever valid
    return FileIdentity(static_cast<uint64_t>(st.st_dev), static_cast<uint64_t>(st.st_ino),
                        static_cast<uint64_t>(st.st_size),
                        static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec);
  }();
  return identity;
}

std::string AppendScanRecord(std::string_view body, const ScanKey& key, const CompiledModule& scan) {
  std::string record;
  PutU32(&record, static_cast<uint32_t>(body.size()));
  PutString(&record, KeyText(key));
  PutU32(&record, static_cast<uint32_t>(scan.imports.size()));
  for (const ImportRef& r : scan.imports) {
    PutString(&record, r.name);
    PutU32(&record, static_cast<uint32_t>(r.level));
    PutStrings(&record, r.fromlist);
    PutFlag(&record, r.conditional);
    PutFlag(&record, r.guarded);
    PutFlag(&record, r.platform);
    PutString(&record, r.function);
    PutU32(&record, static_cast<uint32_t>(r.alternative_to.size()));
    for (size_t a : r.alternative_to) PutU32(&record, static_cast<uint32_t>(a));
    PutFlag(&record, r.main_only);
    PutFlag(&record, r.only_if_found);
    PutFlag(&record, r.package_tree);
    PutFlag(&record, r.child_main);
    PutString(&record, r.via);
    PutU32(&record, static_cast<uint32_t>(r.line));
  }
  PutStrings(&record, scan.codec_names);
  PutStrings(&record, scan.name_strings);
  PutFlag(&record, scan.names_file);
  PutFlag(&record, scan.frozen_off);
  PutStrings(&record, scan.import_forwarders);

  std::string out(body);
  out += record;
  PutU32(&out, static_cast<uint32_t>(record.size()));
  out += kMarker;
  return out;
}

bool SplitScanRecord(std::string_view stored, const ScanKey& key, std::string_view* body,
                     CompiledModule* scan) {
  *body = stored;
  const size_t tail = 4 + kMarker.size();
  if (stored.size() < tail || stored.substr(stored.size() - kMarker.size()) != kMarker) return false;
  uint32_t record_size;
  memcpy(&record_size, stored.data() + stored.size() - tail, 4);
  if (record_size > stored.size() - tail) return false;
  size_t record_at = stored.size() - tail - record_size;
  Reader in(stored.substr(record_at, record_size));
  uint32_t body_size;
  if (!in.U32(&body_size) || body_size != record_at) return false;
  *body = stored.substr(0, record_at);  // the bytecode, whatever the key says

  std::string key_text;
  if (FreezerIdentity().empty() || !in.String(&key_text) || key_text != KeyText(key)) return false;
  CompiledModule found;
  uint32_t n;
  if (!in.U32(&n) || n > record_size) return false;
  found.imports.resize(n);
  for (ImportRef& r : found.imports) {
    uint32_t level, alternatives, line;
    if (!in.String(&r.name) || !in.U32(&level) || !in.Strings(&r.fromlist) || !in.Flag(&r.conditional) ||
        !in.Flag(&r.guarded) || !in.Flag(&r.platform) || !in.String(&r.function) ||
        !in.U32(&alternatives) || alternatives > record_size)
      return false;
    r.level = static_cast<int>(level);
    r.alternative_to.resize(alternatives);
    for (size_t& a : r.alternative_to) {
      uint32_t v;
      if (!in.U32(&v) || v >= n) return false;
      a = v;
    }
    if (!in.Flag(&r.main_only) || !in.Flag(&r.only_if_found) || !in.Flag(&r.package_tree) ||
        !in.Flag(&r.child_main) ||
        !in.String(&r.via) || !in.U32(&line))
      return false;
    r.line = static_cast<int>(line);
  }
  if (!in.Strings(&found.codec_names) || !in.Strings(&found.name_strings) ||
      !in.Flag(&found.names_file) || !in.Flag(&found.frozen_off) ||
      !in.Strings(&found.import_forwarders) || !in.done())
    return false;
  scan->imports = std::move(found.imports);
  scan->codec_names = std::move(found.codec_names);
  scan->name_strings = std::move(found.name_strings);
  scan->names_file = found.names_file;
  scan->frozen_off = found.frozen_off;
  scan->import_forwarders = std::move(found.import_forwarders);
  return true;
}

}  // namespace freezer
