// Pages of the mapped payload that bytecode was read from, given back to the
// kernel once the code objects are built.
//
// Why: python reads each .pyc with read() into a buffer it frees; the app
// reads bytecode through its mapping of itself, and every page it touches
// (with the kernel's fault-around, 64 KiB for each fault) stays in the
// process's RSS for its whole life: 1 MB for hello, 4.7 MB for stdlib_tour
// (docs/benchmarks.md). The mapping is read-only, private and never
// written, so MADV_DONTNEED only unmaps: a page touched again comes back
// from the page cache (a minor fault), the same bytes.
//
// Reads are gathered into a few address ranges and released together once
// they add up to kReleaseBatch, so a start makes a handful of madvise
// calls, not one per module.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace vm {

class PayloadPageRelease {
 public:
  static constexpr size_t kReleaseBatch = 512u << 10;
  // Reads this close to a gathered range join it (the pages between are
  // released with it: at most fault-around brought them in).
  static constexpr uintptr_t kJoinGap = 128u << 10;
  static constexpr int kRanges = 4;

  // The payload's mapping (read-only, private, file-backed): nothing outside
  // it is ever released. Until this is called, Done() does nothing.
  void Watch(std::span<const uint8_t> mapping);
  // `bytes`, inside the mapping, have been read and are no longer needed.
  void Done(std::span<const uint8_t> bytes);
  // Releases every gathered range now.
  void Flush();

  // How many madvise calls were made (for tests and --debug-boot).
  size_t releases() const { return releases_; }

 private:
  struct Range {
    uintptr_t lo = 0, hi = 0;
  };
  uintptr_t begin_ = 0, end_ = 0;  // the mapping, in whole pages
  Range ranges_[kRanges];
  int used_ = 0;
  size_t gathered_ = 0;
  size_t releases_ = 0;
};

}  // namespace vm
