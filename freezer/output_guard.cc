#include "freezer/output_guard.h"

#include "archive/payload_reader.h"
#include "archive/payload_verifier.h"

namespace freezer {

bool ReadRecordingDisk::ReadFile(const std::string& path, std::string* contents, std::string* err) {
  read_.insert(path);
  return inner_->ReadFile(path, contents, err);
}

bool CheckOutputIsNoInput(Disk* disk, const std::string& option, const std::string& output,
                          const std::string& stub, const std::set<std::string>& inputs,
                          std::string* err) {
  const FileInfo out = disk->Stat(output);
  if (out.type == FileInfo::Type::kMissing) return true;  // nothing to overwrite
  auto same = [&](const std::string& input, const char* role) {
    if (!SameFile(out, disk->Stat(input))) return false;
    *err = option + " '" + output + "' is the same file as the " + role + " '" + input +
           "'; refusing to overwrite it";
    return true;
  };
  if (!stub.empty() && same(stub, "stub")) return false;
  for (const std::string& input : inputs)
    if (input != stub && same(input, "input")) return false;
  return true;
}

bool CheckOutputLocation(Disk* disk, const std::string& option, const std::string& path,
                         std::string* err) {
  auto refuse = [&](const std::string& why) {
    *err = option + " '" + path + "': " + why;
    return false;
  };
  if (path.empty() || path.back() == '/') return refuse("names a directory, not a file");
  FileInfo out = disk->Stat(path);
  if (out.type == FileInfo::Type::kDir) return refuse("is a directory");
  if (out.type == FileInfo::Type::kOther) return refuse("not a regular file");
  std::string dir = Dirname(path);
  for (;;) {
    FileInfo d = disk->Stat(dir);
    if (d.type == FileInfo::Type::kDir || dir == "/" || dir == ".") break;  // those always exist
    if (d.type != FileInfo::Type::kMissing) return refuse("'" + dir + "' is not a directory");
    std::string up = Dirname(dir);
    if (up == dir) return refuse("no existing directory above it");
    dir = up;
  }
  std::string why;
  if (!disk->CanCreateIn(dir, &why)) return refuse("cannot create files in '" + dir + "': " + why);
  return true;
}

bool CheckBareStub(const std::string& path, std::string_view bytes, std::string* err) {
  std::span<const uint8_t> file(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  payload::PayloadReader reader;
  std::string why;
  if (reader.Open(file, &why) != payload::PayloadReader::OpenResult::kNoPayload) {
    *err = "the stub '" + path + "' is not a bare stub: it ends in a payload (" +
           (why.empty() ? "a frozen app" : why) +
           "); was it overwritten by a build? Reinstall it or pass --stub PATH";
    return false;
  }
  uint64_t end = 0;
  why.clear();
  if (!payload::ElfImageEnd(file, &end, &why) || end != file.size()) {
    *err = "the stub '" + path + "' is damaged: " +
           (why.empty() ? "bytes after its ELF image (" + std::to_string(file.size() - end) + ")" : why) +
           "; reinstall it or pass --stub PATH";
    return false;
  }
  return true;
}

}  // namespace freezer
