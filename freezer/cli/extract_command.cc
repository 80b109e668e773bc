#include "freezer/cli/extract_command.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <set>
#include <vector>

#include "freezer/cli/diagnostics.h"
#include "freezer/cli/subcommand.h"
#include "archive/boot_manifest.h"
#include "archive/payload_verifier.h"
#include "archive/payload_format.h"
#include "freezer/app_reader.h"

namespace freezer {

namespace {

// Closes a file descriptor on scope exit.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  ~Fd() { if (fd_ >= 0) close(fd_); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  void reset(int fd) { if (fd_ >= 0) close(fd_); fd_ = fd; }
  // Closes now and returns close's result: write errors can surface here.
  int Close() { int rc = close(fd_); fd_ = -1; return rc; }
  int get() const { return fd_; }

 private:
  int fd_;
};

std::string Failure(const std::string& what, const std::string& path, int errnum) {
  return path + ": " + what + ": " + std::strerror(errnum);
}

// Why openat(..., O_NOFOLLOW) failed on `name`: a symlink gets its own word.
std::string OpenFailure(int dirfd, const std::string& name, const std::string& shown, int errnum) {
  struct stat st;
  if (fstatat(dirfd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode))
    return shown + ": is a symlink (not followed)";
  if (errnum == ENOTDIR) return shown + ": exists and is not a directory";
  return Failure("cannot create", shown, errnum);
}

bool IsEmptyDir(int fd, bool* empty, std::string* err, const std::string& shown) {
  int dup_fd = dup(fd);
  DIR* d = dup_fd >= 0 ? fdopendir(dup_fd) : nullptr;
  if (d == nullptr) {
    if (dup_fd >= 0) close(dup_fd);
    *err = Failure("cannot list", shown, errno);
    return false;
  }
  *empty = true;
  while (dirent* e = readdir(d)) {
    if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0) {
      *empty = false;
      break;
    }
  }
  closedir(d);
  return true;
}

// Writes `bytes` to `root`/`path`, creating the directories on the way with
// mkdirat and opening every component with O_NOFOLLOW: a symlink already in
// the tree (planted or not) stops the extraction instead of redirecting it.
bool WriteBelow(int root, const std::string& root_name, const std::string& path, mode_t mode,
                std::span<const uint8_t> bytes, bool replace, std::string* err) {
  Fd dir(dup(root));
  if (dir.get() < 0) {
    *err = Failure("cannot open", root_name, errno);
    return false;
  }
  std::string shown = root_name;
  size_t start = 0;
  while (true) {
    size_t slash = path.find('/', start);
    std::string name = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    shown += "/" + name;
    if (slash == std::string::npos) {
      int flags = O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC | (replace ? O_TRUNC : O_EXCL);
      Fd f(openat(dir.get(), name.c_str(), flags, mode));
      if (f.get() < 0) {
        *err = OpenFailure(dir.get(), name, shown, errno);
        return false;
      }
      size_t done = 0;
      while (done < bytes.size()) {
        ssize_t n = write(f.get(), bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
          *err = Failure("cannot write", shown, n < 0 ? errno : EIO);
          return false;
        }
        done += static_cast<size_t>(n);
      }
      if (f.Close() != 0) {
        *err = Failure("cannot write", shown, errno);
        return false;
      }
      return true;
    }
    if (mkdirat(dir.get(), name.c_str(), 0755) != 0 && errno != EEXIST) {
      *err = Failure("cannot create directory", shown, errno);
      return false;
    }
    int next = openat(dir.get(), name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (next < 0) {
      *err = OpenFailure(dir.get(), name, shown, errno);
      return false;
    }
    dir.reset(next);
    start = slash + 1;
  }
}

}  // namespace

bool IsSafeRelativePath(std::string_view p) { return payload::IsRelativeArchivePath(p); }

bool ExtractApp(const std::string& app_path, const std::string& dir, bool force, size_t* count,
                std::string* err) {
  AppReader app;
  // The whole-file checks come after the names, so a crafted name is
  // reported as such.
  if (!OpenApp(app_path, &app, err, /*whole_file=*/false)) return false;
  const payload::PayloadReader& r = app.reader;

  // Every path is checked before anything is written. The reader validates
  // structure, not names, so a crafted index could name "../x".
  std::vector<std::string> paths;
  std::set<std::string> seen;
  for (size_t i = 0; i < r.size(); ++i) {
    payload::EntryView e = r.entry(i);
    std::string p = payload::ArchivePathOf(e.kind, e.name);
    if (!IsSafeRelativePath(p) || p == payload::kIndexMemberName) {
      *err = app_path + ": entry '" + std::string(e.name) + "' has an unsafe path; nothing written";
      return false;
    }
    if (!seen.insert(p).second) {
      *err = app_path + ": two entries extract to '" + p + "'; nothing written";
      return false;
    }
    paths.push_back(std::move(p));
  }
  // A file entry where another needs a directory could be written only in part.
  for (const std::string& p : paths) {
    for (size_t slash = p.find('/'); slash != p.npos; slash = p.find('/', slash + 1)) {
      if (seen.count(p.substr(0, slash))) {
        *err = app_path + ": entry '" + p + "' is below the file entry '" + p.substr(0, slash) +
               "'; nothing written";
        return false;
      }
    }
  }
  // Everything `freezer verify` checks, before anything is written.
  std::string why;
  if (!payload::VerifyPayloadFile(r, &why)) {
    *err = app_path + ": damaged payload: " + why + "; nothing written";
    return false;
  }

  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    *err = dir + ": cannot create directory: " + ec.message();
    return false;
  }
  Fd root(open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (root.get() < 0) {
    *err = Failure("cannot open", dir, errno);
    return false;
  }
  if (!force) {
    bool empty = false;
    if (!IsEmptyDir(root.get(), &empty, err, dir)) return false;
    if (!empty) {
      *err = dir + ": directory is not empty (use --force to write into it)";
      return false;
    }
  }

  // Data files that were executable where the freezer read them keep the
  // bit (the boot manifest lists them; an app without one has none).
  payload::BootManifest boot;
  std::string text, ignored;
  if (r.ReadText(payload::kBootManifestPath, &text, &ignored) == payload::PayloadReader::TextResult::kOk)
    payload::ParseBootManifest(text, &boot, &ignored);
  std::vector<uint8_t> storage;
  for (size_t i = 0; i < r.size(); ++i) {
    std::span<const uint8_t> bytes;
    std::string why;
    if (!r.Read(i, &bytes, &storage, &why)) {
      *err = app_path + ": damaged payload: " + why + " (extraction stopped; " + dir +
             " is incomplete)";
      return false;
    }
    mode_t mode = payload::IsExecutableDataFile(boot, paths[i]) ? 0755 : 0644;
    if (!WriteBelow(root.get(), dir, paths[i], mode, bytes, force, err)) return false;
  }
  *count = r.size();
  return true;
}

std::shared_ptr<ExtractOptions> SetupExtract(CLI::App& app) {
  auto o = std::make_shared<ExtractOptions>();
  CLI::App* cmd = app.add_subcommand(
      "extract", "Write every bundled file out in its package layout (modules as .pyc)");
  cmd->add_option("app", o->app, "A frozen executable")->required();
  cmd->add_option("dir", o->dir, "Directory to write into (created when missing)")->required();
  cmd->add_flag("--force", o->force, "Write into a non-empty directory, replacing files");
  OnRun(cmd, o, RunExtract);
  return o;
}

int RunExtract(const ExtractOptions& options) {
  size_t count = 0;
  std::string err;
  if (!ExtractApp(options.app, options.dir, options.force, &count, &err)) {
    PrintError(err);
    return 1;
  }
  printf("%s: extracted %zu entries into %s\n", options.app.c_str(), count, options.dir.c_str());
  return 0;
}

}  // namespace freezer
