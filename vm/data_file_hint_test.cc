// The hint after an uncaught open() of a path inside the app: the ways that
// work for a package's file, a top-level data directory and a root file, and
// none for paths elsewhere or other errors.
#include "vm/data_file_hint.h"

#include <errno.h>
#include <gtest/gtest.h>

#include <set>

namespace vm {
namespace {

const std::set<std::string, std::less<>> kFiles = {"mypkg/data/x.json", "assets/logo.txt", "notes.txt"};
const std::set<std::string, std::less<>> kPackages = {"mypkg"};

std::string Hint(int e, std::string_view path) {
  return DataFileHintFor(
      "/opt/dist/app", e, path, [](std::string_view r) { return kFiles.count(r) > 0; },
      [](std::string_view n) { return kPackages.count(n) > 0; });
}

TEST(DataFileHint, PackageFileNamesResourcesGetDataAndExtraction) {
  std::string h = Hint(ENOTDIR, "/opt/dist/app/mypkg/data/x.json");
  EXPECT_EQ(h.rfind("freezer: hint: /opt/dist/app/mypkg/data/x.json is inside the app, which is one file", 0), 0u) << h;
  EXPECT_NE(h.find("importlib.resources.files(\"mypkg\").joinpath(\"data/x.json\").read_bytes()"), std::string::npos) << h;
  EXPECT_NE(h.find("__loader__.get_data(\"/opt/dist/app/mypkg/data/x.json\")"), std::string::npos) << h;
  EXPECT_NE(h.find("--extract-package mypkg "), std::string::npos) << h;
  EXPECT_EQ(h.find("not even bundled"), std::string::npos) << h;
}

TEST(DataFileHint, TopLevelDataDirectoryAndRootFile) {
  std::string dir = Hint(ENOTDIR, "/opt/dist/app/assets/logo.txt");
  EXPECT_EQ(dir.find("importlib.resources"), std::string::npos) << dir;  // no package to name
  EXPECT_NE(dir.find("--extract-package assets "), std::string::npos) << dir;
  std::string root = Hint(ENOTDIR, "/opt/dist/app/notes.txt");
  EXPECT_NE(root.find("__loader__.get_data(\"/opt/dist/app/notes.txt\")"), std::string::npos) << root;
  EXPECT_EQ(root.find("--extract-package"), std::string::npos) << root;
}

TEST(DataFileHint, AFileNotBundledSaysHowToAddIt) {
  std::string h = Hint(ENOTDIR, "/opt/dist/app/mypkg/missing.cfg");
  EXPECT_NE(h.find("mypkg/missing.cfg is not even bundled (add it with --add-data SRC:mypkg/missing.cfg)"),
            std::string::npos) << h;
}

TEST(DataFileHint, NoHintOutsideTheAppOrForOtherErrors) {
  EXPECT_EQ(Hint(ENOTDIR, "/opt/dist/application/x"), "");
  EXPECT_EQ(Hint(ENOTDIR, "/opt/dist/app"), "");
  EXPECT_EQ(Hint(ENOENT, "/etc/nothing"), "");
  EXPECT_EQ(Hint(EACCES, "/opt/dist/app/notes.txt"), "");
}

}  // namespace
}  // namespace vm
