#include "vm/image_descriptors.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

namespace vm {

namespace {

int FirstNumber() {
  struct rlimit limit;
  rlim_t soft = getrlimit(RLIMIT_NOFILE, &limit) == 0 ? limit.rlim_cur : 1024;
  rlim_t first = soft / 4;
  if (first > 256) first = 256;
  return first < 3 ? 3 : static_cast<int>(first);
}

}  // namespace

int FreshImageDescriptor(int fd) {
  static int next = FirstNumber();
  int moved = fcntl(fd, F_DUPFD_CLOEXEC, next);
  if (moved >= 0) {
    close(fd);
    next = moved + 1;
    return moved;
  }
  if (fd >= next) {  // no room up there, but this number is new too
    next = fd + 1;
    return fd;
  }
  close(fd);
  return -1;
}

}  // namespace vm
