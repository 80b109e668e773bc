#include "archive/crc32c.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace payload {
namespace {

uint32_t Of(const std::string& s) {
  return Crc32c(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

TEST(Crc32c, KnownVectors) {
  EXPECT_EQ(Of(""), 0x00000000u);
  EXPECT_EQ(Of("123456789"), 0xE3069283u);  // the standard check value
  EXPECT_EQ(Of(std::string(32, '\0')), 0x8A9136AAu);  // RFC 3720 B.4
  EXPECT_EQ(Of(std::string(32, '\xff')), 0x62A8AB43u);
}

TEST(Crc32c, EveryLengthAndAlignmentAgreeWithBytewise) {
  // Bytewise reference: the table path on one byte at a time.
  std::vector<uint8_t> data(200);
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<uint8_t>(i * 37 + 11);
  for (size_t start = 0; start < 9; ++start) {
    for (size_t len = 0; start + len <= data.size(); len += 7) {
      uint32_t crc = ~0u;
      for (size_t k = 0; k < len; ++k) {
        crc ^= data[start + k];
        for (int b = 0; b < 8; ++b) crc = (crc >> 1) ^ (0x82F63B78u & (0u - (crc & 1)));
      }
      EXPECT_EQ(Crc32c(data.data() + start, len), ~crc) << start << "+" << len;
    }
  }
}

}  // namespace
}  // namespace payload
