#include "vm/payload_page_release.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "archive/mapped_file.h"

namespace vm {
namespace {

constexpr size_t kPage = 4096;

// Whether the page at `p` is mapped in this process (/proc/self/pagemap's
// "present" bit), which is what RSS counts.
bool Present(const uint8_t* p) {
  int fd = open("/proc/self/pagemap", O_RDONLY);
  uint64_t entry = 0;
  off_t at = static_cast<off_t>(reinterpret_cast<uintptr_t>(p) / kPage * sizeof entry);
  bool ok = fd >= 0 && pread(fd, &entry, sizeof entry, at) == sizeof entry;
  if (fd >= 0) close(fd);
  return ok && (entry >> 63) != 0;
}

// Reads one byte of every page of `bytes` (volatile: the reads must happen).
void Touch(std::span<const uint8_t> bytes) {
  const volatile uint8_t* p = bytes.data();
  for (size_t i = 0; i < bytes.size(); i += kPage) (void)p[i];
  (void)p[bytes.size() - 1];
}

class PayloadPageReleaseTest : public testing::Test {
 protected:
  void SetUp() override {
    char name[] = "/tmp/page_release_testXXXXXX";
    int fd = mkstemp(name);
    ASSERT_GE(fd, 0);
    path_ = name;
    std::vector<uint8_t> bytes(4u << 20, 7);
    ASSERT_EQ(write(fd, bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
    close(fd);
    std::string err;
    ASSERT_TRUE(file_.Open(path_, &err)) << err;
  }
  void TearDown() override { unlink(path_.c_str()); }

  std::string path_;
  payload::MappedFile file_;
};

TEST_F(PayloadPageReleaseTest, ReadPagesLeaveOnceABatchIsGathered) {
  PayloadPageRelease release;
  release.Watch(file_.bytes());
  auto member = file_.bytes().subspan(100 * kPage + 10, PayloadPageRelease::kReleaseBatch);
  Touch(member);
  ASSERT_TRUE(Present(member.data()));
  release.Done(member);
  EXPECT_EQ(release.releases(), 1u);
  EXPECT_FALSE(Present(member.data()));
  EXPECT_FALSE(Present(member.data() + member.size() - 1));
  // The bytes are still there: they come back from the file.
  EXPECT_EQ(member[0], 7);
  EXPECT_EQ(member[member.size() - 1], 7);
}

TEST_F(PayloadPageReleaseTest, SmallReadsWaitForFlush) {
  PayloadPageRelease release;
  release.Watch(file_.bytes());
  auto a = file_.bytes().subspan(10 * kPage, 100);
  auto b = file_.bytes().subspan(900 * kPage, 100);  // far away: a range of its own
  Touch(a);
  Touch(b);
  release.Done(a);
  release.Done(b);
  EXPECT_EQ(release.releases(), 0u);
  EXPECT_TRUE(Present(a.data()));
  release.Flush();
  EXPECT_EQ(release.releases(), 2u);
  EXPECT_FALSE(Present(a.data()));
  EXPECT_FALSE(Present(b.data()));
}

TEST_F(PayloadPageReleaseTest, NothingOutsideTheMappingIsReleased) {
  // Heap bytes (a decompressed member) must never be given to MADV_DONTNEED:
  // anonymous memory would read back as zeros.
  std::vector<uint8_t> heap(2 * PayloadPageRelease::kReleaseBatch, 9);
  PayloadPageRelease release;
  release.Watch(file_.bytes());
  release.Done(heap);
  release.Flush();
  EXPECT_EQ(release.releases(), 0u);
  EXPECT_EQ(heap[0], 9);
  EXPECT_EQ(heap[heap.size() - 1], 9);

  PayloadPageRelease unwatched;  // no mapping given: nothing is ours
  unwatched.Done(file_.bytes());
  unwatched.Flush();
  EXPECT_EQ(unwatched.releases(), 0u);
}

TEST_F(PayloadPageReleaseTest, RangesStayInsideTheMapping) {
  // A member at the very end of a file whose size is not a whole number of
  // pages: widening to 64 KiB windows must stop at the mapping's last page,
  // whatever is mapped after it (here: anonymous memory, which
  // MADV_DONTNEED would zero).
  const size_t size = file_.bytes().size() - 100;
  auto* region = static_cast<uint8_t*>(
      mmap(nullptr, size + 2 * kPage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
  ASSERT_NE(region, MAP_FAILED);
  int fd = open(path_.c_str(), O_RDONLY);
  ASSERT_GE(fd, 0);
  ASSERT_NE(mmap(region, size, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0), MAP_FAILED);
  close(fd);
  uint8_t* after = region + (size + kPage - 1) / kPage * kPage;
  after[0] = 5;
  PayloadPageRelease release;
  release.Watch({region, size});
  std::span<const uint8_t> tail(region + size - 100, 100);
  Touch(tail);
  release.Done(tail);
  release.Flush();
  EXPECT_EQ(release.releases(), 1u);
  EXPECT_FALSE(Present(tail.data()));
  EXPECT_EQ(after[0], 5);
  munmap(region, size + 2 * kPage);
}

}  // namespace
}  // namespace vm
