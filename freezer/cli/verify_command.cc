#include "freezer/cli/verify_command.h"

#include <cstdio>
#include <vector>

#include "freezer/cli/diagnostics.h"
#include "freezer/cli/open_app.h"
#include "freezer/cli/subcommand.h"
#include "archive/payload_digest.h"
#include "freezer/app_reader.h"

namespace freezer {

std::shared_ptr<VerifyOptions> SetupVerify(CLI::App& app) {
  auto o = std::make_shared<VerifyOptions>();
  CLI::App* cmd = app.add_subcommand(
      "verify", "Check a frozen executable: payload digest and every entry's CRC");
  cmd->add_option("app", o->app, "A frozen executable")->required();
  OnRun(cmd, o, RunVerify);
  return o;
}

bool VerifyPayload(const payload::PayloadReader& reader, std::string* err) {
  // Entries first: their errors name what is damaged.
  std::vector<uint8_t> storage;
  for (size_t i = 0; i < reader.size(); ++i) {
    std::span<const uint8_t> bytes;
    if (!reader.Read(i, &bytes, &storage, err, /*full_check=*/true)) return false;
  }
  const payload::IndexHeader& h = reader.index_header();
  // Open checked digest_size against the index offset, so it is in the file.
  payload::Sha256 computed = payload::ComputeSha256(reader.file().first(h.digest_size));
  payload::Sha256 recorded = std::to_array(h.sha256);
  if (computed != recorded) {
    *err = "digest mismatch (recorded " + payload::DigestString(recorded) + ", computed " +
           payload::DigestString(computed) + ")";
    return false;
  }
  return true;
}

int RunVerify(const VerifyOptions& options) {
  AppReader app;
  if (!OpenAppOrSayWhy(options.app, &app)) return 1;
  std::string err;
  if (!VerifyPayload(app.reader, &err)) {
    PrintError(options.app + ": " + err);
    return 1;
  }
  printf("%s: OK (%zu entries, digest %s)\n", options.app.c_str(), app.reader.size(),
         payload::DigestString(app.reader.index_header().sha256).c_str());
  return 0;
}

}  // namespace freezer
