#include "vm/native_loader.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

namespace vm {

bool MemfdPath(const std::string& name, std::span<const uint8_t> bytes,
               std::string* path, std::string* err) {
  int fd = memfd_create(name.c_str(), MFD_CLOEXEC | MFD_ALLOW_SEALING);
  if (fd < 0) {
    *err = "memfd_create: " + std::string(strerror(errno));
    return false;
  }
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      *err = "writing memfd: " + std::string(strerror(errno));
      close(fd);
      return false;
    }
    done += static_cast<size_t>(n);
  }
  // Sealed: nothing can change the code after it is mapped.
  fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL);
  *path = "/proc/self/fd/" + std::to_string(fd);
  return true;
}

}  // namespace vm
