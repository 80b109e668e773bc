#include "freezer/app_reader.h"

#include "archive/payload_verifier.h"

namespace freezer {

bool OpenApp(const std::string& path, AppReader* app, std::string* err, bool whole_file) {
  if (!app->file.Open(path, err)) return false;
  std::string why;
  switch (app->reader.Open(app->file.bytes(), &why)) {
    case payload::PayloadReader::OpenResult::kOk:
      if (whole_file && (!payload::VerifyLayout(app->reader, &why) ||
                         !payload::VerifyDigest(app->reader, &why))) {
        *err = path + ": damaged payload: " + why;
        return false;
      }
      return true;
    case payload::PayloadReader::OpenResult::kNoPayload:
      *err = path + ": no payload (not a frozen app)";
      return false;
    case payload::PayloadReader::OpenResult::kDamaged:
      *err = path + ": damaged payload: " + why;
      return false;
  }
  return false;
}

}  // namespace freezer
