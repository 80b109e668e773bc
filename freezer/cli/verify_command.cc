#include "freezer/cli/verify_command.h"

#include <cstdio>
#include <vector>

#include "freezer/cli/diagnostics.h"
#include "freezer/cli/open_app.h"
#include "freezer/cli/subcommand.h"
#include "archive/payload_digest.h"
#include "archive/payload_verifier.h"
#include "freezer/app_reader.h"

namespace freezer {

std::shared_ptr<VerifyOptions> SetupVerify(CLI::App& app) {
  auto o = std::make_shared<VerifyOptions>();
  CLI::App* cmd = app.add_subcommand(
      "verify", "Check a frozen executable: its layout byte for byte, every entry's CRC and the SHA-256 of the whole file");
  cmd->add_option("app", o->app, "A frozen executable")->required();
  OnRun(cmd, o, RunVerify);
  return o;
}

bool VerifyPayload(const payload::PayloadReader& reader, std::string* err) {
  return payload::VerifyPayloadFile(reader, err);
}

int RunVerify(const VerifyOptions& options) {
  AppReader app;
  if (!OpenAppOrSayWhy(options.app, &app, /*whole_file=*/false)) return 1;
  std::string err;
  if (!VerifyPayload(app.reader, &err)) {
    PrintError(options.app + ": " + err);
    return 1;
  }
  printf("%s: OK (%zu entries, digest %s)\n", options.app.c_str(), app.reader.size(),
         payload::DigestString(app.reader.digest()).c_str());
  return 0;
}

}  // namespace freezer
