#include "vm/payload_page_release.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>

namespace vm {

namespace {

// Fault-around maps the aligned 64 KiB window around a faulting page: a
// range is widened to such windows so what a read brought in goes with it.
constexpr uintptr_t kFaultAroundWindow = 64u << 10;

}  // namespace

void PayloadPageRelease::Watch(std::span<const uint8_t> mapping) {
  const uintptr_t page = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
  begin_ = reinterpret_cast<uintptr_t>(mapping.data());
  end_ = (begin_ + mapping.size() + page - 1) & ~(page - 1);  // mmap maps whole pages
  if (begin_ & (page - 1)) begin_ = end_ = 0;                 // not a mapping of ours
}

void PayloadPageRelease::Done(std::span<const uint8_t> bytes) {
  uintptr_t first = reinterpret_cast<uintptr_t>(bytes.data());
  // Decompressed copies and anything else outside the mapping are not ours
  // to release (MADV_DONTNEED on anonymous memory would zero it).
  if (bytes.empty() || first < begin_ || first + bytes.size() > end_) return;
  uintptr_t lo = std::max(begin_, first & ~(kFaultAroundWindow - 1));
  uintptr_t hi = std::min(end_, (first + bytes.size() + kFaultAroundWindow - 1) & ~(kFaultAroundWindow - 1));
  gathered_ += hi - lo;
  int i = 0;
  while (i < used_ && !(lo <= ranges_[i].hi + kJoinGap && ranges_[i].lo <= hi + kJoinGap)) ++i;
  if (i < used_) {
    ranges_[i].lo = std::min(ranges_[i].lo, lo);
    ranges_[i].hi = std::max(ranges_[i].hi, hi);
  } else {
    if (used_ == kRanges) Flush();
    ranges_[used_++] = {lo, hi};
  }
  if (gathered_ >= kReleaseBatch) Flush();
}

void PayloadPageRelease::Flush() {
  for (int i = 0; i < used_; ++i) {
    // Failure (an old kernel, a range past the mapping's end) just leaves
    // the pages resident, as before.
    madvise(reinterpret_cast<void*>(ranges_[i].lo), ranges_[i].hi - ranges_[i].lo, MADV_DONTNEED);
    ++releases_;
  }
  used_ = 0;
  gathered_ = 0;
}

}  // namespace vm
