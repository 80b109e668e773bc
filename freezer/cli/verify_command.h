// `freezer verify APP`: recomputes the payload digest and every entry's CRC.
#pragma once

#include <CLI/CLI.hpp>
#include <cstddef>
#include <memory>
#include <string>

#include "archive/payload_reader.h"

namespace freezer {

struct VerifyOptions {
  std::string app;
};

std::shared_ptr<VerifyOptions> SetupVerify(CLI::App& app);
int RunVerify(const VerifyOptions& options);

// Reads (inflating) every entry of an opened payload and checks its CRC,
// then hashes the digest range and compares with the recorded digest.
// `err` says what failed first: "entry 'x' CRC mismatch", "digest mismatch
// (recorded sha256:..., computed sha256:...)".
bool VerifyPayload(const payload::PayloadReader& reader, std::string* err);

}  // namespace freezer
