#include "freezer/compressed_member_cache.h"

#include <cstdint>
#include <span>

#include "archive/deflate.h"
#include "archive/payload_digest.h"

namespace freezer {

namespace {

std::span<const uint8_t> Bytes(const std::string& s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

// Whether `stream` inflates to exactly `member`.
bool InflatesTo(const std::string& stream, const std::string& member) {
  if (member.size() > UINT32_MAX) return false;
  std::string out(member.size(), '\0');
  return payload::InflateRaw(Bytes(stream), reinterpret_cast<uint8_t*>(out.data()),
                             static_cast<uint32_t>(out.size()))
             .empty() &&
         out == member;
}

}  // namespace

CompressedMemberCache::CompressedMemberCache(Disk* disk, std::string dir)
    : disk_(disk), dir_(std::move(dir)), trust_(disk, dir_) {}

std::string CompressedMemberCache::EntryPath(const std::string& bytes) const {
  if (dir_.empty()) return "";
  // "sha256:" + 64 hex digits.
  std::string hex = payload::DigestString(payload::ComputeSha256(Bytes(bytes))).substr(7);
  return dir_ + "/members/" + hex.substr(0, 2) + "/" + hex + ".deflate";
}

void CompressedMemberCache::FillOne(payload::PayloadEntry* e) {
  std::string path = EntryPath(e->bytes);
  if (!path.empty() && !trust_.CheckEntry(path).empty()) path.clear();
  std::string stream, ignored;
  if (!path.empty() && disk_->ReadFile(path, &stream, &ignored)) {
    if (InflatesTo(stream, e->bytes)) {
      ++stats_.hits;
      e->deflated = std::move(stream);
      return;
    }
    ++stats_.rejected;  // replaced below
  }
  ++stats_.deflated;
  if (!payload::DeflateRaw(e->bytes, &stream)) return;  // the writer stores it
  if (!path.empty()) {
    std::string werr;
    if (!disk_->MakeDirs(Dirname(path), &werr) || !disk_->WriteCacheFile(path, stream, &werr))
      ++stats_.write_failures;
  }
  e->deflated = std::move(stream);
}

void CompressedMemberCache::Fill(std::vector<payload::PayloadEntry>* entries) {
  if (dir_.empty()) return;
  for (payload::PayloadEntry& e : *entries)
    if (e.compress && e.deflated.empty() && e.bytes.size() >= kMinCachedSize) FillOne(&e);
}

}  // namespace freezer
