// Image descriptors: above the numbers programs use, close-on-exec, and
// never a number an image had before, even once that one is closed.
#include "vm/image_descriptors.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

namespace vm {
namespace {

TEST(ImageDescriptors, FreshNumbersAreHighCloseOnExecAndNeverReused) {
  int first = FreshImageDescriptor(open("/dev/null", O_RDONLY));
  ASSERT_GE(first, 3);
  EXPECT_GE(first, 64);  // a quarter of any usual soft limit, at most 256
  EXPECT_TRUE(fcntl(first, F_GETFD) & FD_CLOEXEC);
  close(first);
  int low = open("/dev/null", O_RDONLY);
  int second = FreshImageDescriptor(low);
  EXPECT_GT(second, first);  // `first` is free again, but was an image's
  EXPECT_EQ(fcntl(low, F_GETFD), -1);  // the original number is closed
  close(second);
}

TEST(ImageDescriptors, AtTheLimitANewHighNumberIsKeptALowOneRefused) {
  struct rlimit saved;
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &saved), 0);
  int last = FreshImageDescriptor(open("/dev/null", O_RDONLY));
  ASSERT_GE(last, 3);
  int high = fcntl(last, F_DUPFD_CLOEXEC, last + 50);  // opened before the limit drops
  ASSERT_GE(high, last + 50);
  struct rlimit lowered = saved;
  lowered.rlim_cur = last + 1;  // no number above `last` can be had
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &lowered), 0);
  EXPECT_EQ(FreshImageDescriptor(high), high);  // new, though not moved
  int low = open("/dev/null", O_RDONLY);
  ASSERT_GE(low, 0);
  EXPECT_EQ(FreshImageDescriptor(low), -1);
  EXPECT_EQ(fcntl(low, F_GETFD), -1);  // closed, not leaked
  setrlimit(RLIMIT_NOFILE, &saved);
  close(high);
  close(last);
}

}  // namespace
}  // namespace vm
