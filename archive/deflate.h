// Raw deflate (zip method 8, no zlib header): the one place that says how
// the freezer compresses a member and how the stub and the tools inflate one.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace payload {

// Deflates `in` into `out`; false when zlib fails (the caller then stores).
bool DeflateRaw(std::string_view in, std::string* out);

// Inflates `in` into exactly `out` (size n). Returns "" or why not.
std::string InflateRaw(std::span<const uint8_t> in, uint8_t* out, uint32_t n);

}  // namespace payload
