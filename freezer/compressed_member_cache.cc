#include "freezer/compressed_member_cache.h"

#include <cstdint>
#include <span>

#include "archive/deflate.h"
#include "archive/payload_digest.h"
#include "archive/zstd.h"

namespace freezer {

namespace {

std::span<const uint8_t> Bytes(const std::string& s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

// Whether `stream` decompresses with `method` to exactly `member`.
bool DecompressesTo(const std::string& stream, payload::Compression method, const std::string& member) {
  if (member.size() > UINT32_MAX) return false;
  std::string out(member.size(), '\0');
  auto* to = reinterpret_cast<uint8_t*>(out.data());
  auto n = static_cast<uint32_t>(out.size());
  std::string why = method == payload::Compression::kZstd ? payload::ZstdDecompress(Bytes(stream), to, n)
                                                          : payload::InflateRaw(Bytes(stream), to, n);
  return why.empty() && out == member;
}

}  // namespace

CompressedMemberCache::CompressedMemberCache(Disk* disk, std::string dir)
    : disk_(disk), dir_(std::move(dir)), trust_(disk, dir_) {}

std::string CompressedMemberCache::EntryPath(const std::string& bytes, payload::Compression method) const {
  if (dir_.empty()) return "";
  // "sha256:" + 64 hex digits.
  std::string hex = payload::DigestString(payload::ComputeSha256(Bytes(bytes))).substr(7);
  return dir_ + "/members/" + hex.substr(0, 2) + "/" + hex +
         (method == payload::Compression::kZstd ? ".zst" : ".deflate");
}

void CompressedMemberCache::FillOne(payload::PayloadEntry* e) {
  std::string path = EntryPath(e->bytes, e->method);
  if (!path.empty() && !trust_.CheckEntry(path).empty()) path.clear();
  std::string stream, ignored;
  if (!path.empty() && disk_->ReadFile(path, &stream, &ignored)) {
    if (DecompressesTo(stream, e->method, e->bytes)) {
      ++stats_.hits;
      e->compressed = std::move(stream);
      return;
    }
    ++stats_.rejected;  // replaced below
  }
  ++stats_.compressed;
  bool made = e->method == payload::Compression::kZstd ? payload::ZstdCompress(e->bytes, &stream, e->zstd_level)
                                                       : payload::DeflateRaw(e->bytes, &stream);
  if (!made) return;  // the writer stores it
  if (!path.empty()) {
    std::string werr;
    if (!disk_->MakeDirs(Dirname(path), &werr) || !disk_->WriteCacheFile(path, stream, &werr))
      ++stats_.write_failures;
  }
  e->compressed = std::move(stream);
}

void CompressedMemberCache::Fill(std::vector<payload::PayloadEntry>* entries) {
  if (dir_.empty()) return;
  for (payload::PayloadEntry& e : *entries)
    if (e.compress && e.compressed.empty() && e.bytes.size() >= kMinCachedSize) FillOne(&e);
}

}  // namespace freezer
