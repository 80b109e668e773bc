#include "archive/mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace payload {
namespace {

std::string Failure(const char* what, const std::string& path, int errnum) {
  return std::string(what) + " '" + path + "': " + std::strerror(errnum);
}

}  // namespace

MappedFile::~MappedFile() {
  if (data_ != nullptr) munmap(const_cast<uint8_t*>(data_), size_);
}

bool MappedFile::Open(const std::string& path, std::string* err) {
  if (data_ != nullptr) munmap(const_cast<uint8_t*>(data_), size_);
  data_ = nullptr;
  size_ = 0;

  int fd;
  do {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) {
    *err = Failure("cannot open", path, errno);
    return false;
  }
  struct stat st;
  if (fstat(fd, &st) != 0) {
    *err = Failure("cannot stat", path, errno);
    close(fd);
    return false;
  }
  if (!S_ISREG(st.st_mode)) {
    *err = "cannot map '" + path + "': not a regular file";
    close(fd);
    return false;
  }
  if (st.st_size == 0) {  // mmap of length 0 is EINVAL; an empty span will do
    close(fd);
    return true;
  }
  if (static_cast<uint64_t>(st.st_size) > SIZE_MAX) {
    *err = "cannot map '" + path + "': file too large";
    close(fd);
    return false;
  }
  size_t size = static_cast<size_t>(st.st_size);
  void* p = mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  int map_errno = errno;
  close(fd);
  if (p == MAP_FAILED) {
    *err = Failure("cannot map", path, map_errno);
    return false;
  }
  data_ = static_cast<const uint8_t*>(p);
  size_ = size;
  return true;
}

}  // namespace payload
