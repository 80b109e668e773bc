// A build writes its output (and --report) only where no input is: not over
// the entry script, a bundled source or data file, or the stub, whatever
// the spelling of the path (a link, "./", another directory): compared by
// device and inode. `freezer build app.py -o app.py` used to replace the
// source with the binary, and `-o <the stub>` broke every later build.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "freezer/disk.h"

namespace freezer {

// A Disk that remembers every file it was asked to read, so the build knows
// its inputs without each pass listing them.
class ReadRecordingDisk : public Disk {
 public:
  explicit ReadRecordingDisk(Disk* inner) : inner_(inner) {}
  const std::set<std::string>& read() const { return read_; }

  FileInfo Stat(const std::string& path) override { return inner_->Stat(path); }
  bool ReadFile(const std::string& path, std::string* contents, std::string* err) override;
  bool ListDir(const std::string& path, std::vector<std::string>* names) override {
    return inner_->ListDir(path, names);
  }
  bool WriteCacheFile(const std::string& path, std::string_view contents, std::string* err) override {
    return inner_->WriteCacheFile(path, contents, err);
  }
  bool MakeDirs(const std::string& path, std::string* err) override { return inner_->MakeDirs(path, err); }
  bool MakeOutputDirs(const std::string& path, std::string* err) override {
    return inner_->MakeOutputDirs(path, err);
  }
  bool CanCreateIn(const std::string& dir, std::string* why) override { return inner_->CanCreateIn(dir, why); }
  bool WriteFileAtomic(const std::string& path, std::string_view contents, unsigned mode,
                       std::string* err) override {
    return inner_->WriteFileAtomic(path, contents, mode, err);
  }
  bool Remove(const std::string& path) override { return inner_->Remove(path); }
  std::string RealPath(const std::string& path) override { return inner_->RealPath(path); }

 private:
  Disk* inner_;
  std::set<std::string> read_;
};

// False with "OPTION 'PATH' is the same file as the <role> 'INPUT'; refusing
// to overwrite it" when `output` exists and is one of `inputs` (the stub is
// named as such). `option` is "-o" or "--report".
bool CheckOutputIsNoInput(Disk* disk, const std::string& option, const std::string& output,
                          const std::string& stub, const std::set<std::string>& inputs,
                          std::string* err);

// Before any work: `option`'s `path` can be written. It is not a
// directory, and its nearest existing ancestor is a directory the user can
// create files in (the missing ones are made when the file is written,
// mkdir -p style). "-o 'dist/app': cannot create it in 'dist': Permission denied".
bool CheckOutputLocation(Disk* disk, const std::string& option, const std::string& path,
                         std::string* err);

// The stub the freezer found must be a bare stub: an ELF image ending at
// the end of the file and no payload after it. A stub overwritten by an app
// (`-o` pointed at it) is refused instead of being built into every app.
bool CheckBareStub(const std::string& path, std::string_view bytes, std::string* err);

}  // namespace freezer
