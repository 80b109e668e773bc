// `freezer verify APP`: checks the layout, every entry's CRC and the whole-file digest.
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

// payload::VerifyPayloadFile: the layout (every byte belongs to a known
// structure that agrees with the index), every entry's CRCs, then the
// SHA-256 of the whole file but its last 32 bytes against the recorded one.
// `err` says what failed first: "entry 'x' CRC mismatch", "digest mismatch
// (recorded sha256:..., computed sha256:...)".
bool VerifyPayload(const payload::PayloadReader& reader, std::string* err);

}  // namespace freezer
