// libFuzzer entry point: the trailer, index and entry readers on any bytes.
#include <cstddef>
#include <cstdint>

#include "fuzz/payload_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  payload_fuzz::FuzzPayload({data, size});
  return 0;
}
