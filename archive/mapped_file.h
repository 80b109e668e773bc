// A read-only memory map of a whole file.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace payload {

class MappedFile {
 public:
  MappedFile() = default;
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  // Maps `path` read-only (MAP_PRIVATE). An empty file maps to an empty span.
  bool Open(const std::string& path, std::string* err);
  std::span<const uint8_t> bytes() const { return {data_, size_}; }

 private:
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace payload
