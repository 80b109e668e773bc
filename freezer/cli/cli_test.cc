// The built freezer end to end: freeze a small package app, then verify,
// inspect and extract it, and import the extracted package with python3.11
// (the stored .pyc files are complete, so python loads them sourceless).
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

namespace fs = std::filesystem;

struct Result {
  int status = -1;
  std::string out;  // stdout and stderr
};

// Runs a shell command line; every argument here is a plain path.
Result Shell(const std::string& cmd) {
  Result r;
  FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  if (p == nullptr) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

void Write(const std::string& path, const std::string& text) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path) << text;
}

class FrozenApp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string tmpl = ::testing::TempDir() + "freezer-cli-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    Write(dir_ + "/src/app.py", "import pkg.mod\nprint(pkg.mod.VALUE)\n");
    Write(dir_ + "/src/pkg/__init__.py", "");
    Write(dir_ + "/src/pkg/mod.py", "VALUE = 6 * 7\n");
    Write(dir_ + "/src/pkg/data.txt", "data\n");
    Result r = Shell(std::string(FREEZER_BIN) + " build -q --include-source " + dir_ +
                   "/src/app.py -o " + dir_ + "/app");
    ASSERT_EQ(r.status, 0) << r.out;
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }
  static std::string dir_;
};
std::string FrozenApp::dir_;

TEST_F(FrozenApp, Runs) {
  Result r = Shell(dir_ + "/app");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "42\n");
}

TEST_F(FrozenApp, Verify) {
  Result r = Shell(std::string(FREEZER_BIN) + " verify " + dir_ + "/app");
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(r.out.rfind(dir_ + "/app: OK (", 0), 0u) << r.out;
  EXPECT_NE(r.out.find(" entries, digest sha256:"), std::string::npos) << r.out;

  // One byte of the stub changed: a copy fails with one line.
  fs::copy_file(dir_ + "/app", dir_ + "/bad", fs::copy_options::overwrite_existing);
  {
    std::fstream f(dir_ + "/bad", std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(4096);
    f.put('\x5a');
  }
  r = Shell(std::string(FREEZER_BIN) + " verify " + dir_ + "/bad");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out.rfind("freezer: error: " + dir_ + "/bad: digest mismatch (recorded sha256:", 0),
            0u)
      << r.out;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;
}

TEST_F(FrozenApp, InspectJson) {
  Result r = Shell(std::string(FREEZER_BIN) + " inspect --json " + dir_ + "/app | " +
                 FREEZER_TEST_PYTHON +
                 " -I -c 'import json,sys; d = json.load(sys.stdin); "
                 "print(d[\"python_version\"], d[\"entry\"][\"kind\"], d[\"entry\"][\"target\"], "
                 "d[\"build_options\"][\"include_source\"], d[\"kinds\"][\"source\"][\"count\"] >= 2, "
                 "d[\"glibc_floor\"].startswith(\"GLIBC_2.\"), d[\"stub_size\"] + d[\"payload_size\"] == d[\"file_size\"])'");
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(r.out, "3.11 script app.py True True True True\n");
}

TEST_F(FrozenApp, ExtractImportsWithPython) {
  const std::string out = dir_ + "/extracted";
  Result r = Shell(std::string(FREEZER_BIN) + " extract " + dir_ + "/app " + out);
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_TRUE(fs::is_regular_file(out + "/pkg/mod.pyc"));
  EXPECT_TRUE(fs::is_regular_file(out + "/pkg/__init__.pyc"));
  EXPECT_TRUE(fs::is_regular_file(out + "/pkg/mod.py"));
  EXPECT_TRUE(fs::is_regular_file(out + "/.freezer/boot"));
  // Sourceless: remove the bundled sources, python must load the .pyc files.
  fs::remove(out + "/pkg/mod.py");
  fs::remove(out + "/pkg/__init__.py");
  r = Shell(std::string(FREEZER_TEST_PYTHON) + " -I -B -c 'import sys; sys.path.insert(0, \"" + out +
          "\"); import pkg.mod; print(pkg.mod.VALUE, pkg.mod.__file__ == \"" + out +
          "/pkg/mod.pyc\", type(pkg.mod.__loader__).__name__)'");
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(r.out, "42 True SourcelessFileLoader\n");

  r = Shell(std::string(FREEZER_BIN) + " extract " + dir_ + "/app " + out);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("not empty (use --force"), std::string::npos) << r.out;
  r = Shell(std::string(FREEZER_BIN) + " extract --force " + dir_ + "/app " + out);
  EXPECT_EQ(r.status, 0) << r.out;
}

TEST_F(FrozenApp, ListFilters) {
  const std::string list = std::string(FREEZER_BIN) + " list " + dir_ + "/app ";
  Result r = Shell(list + "'pkg*' --kind module --kind package");
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("  pkg\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  pkg.mod\n"), std::string::npos) << r.out;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 3) << r.out;  // header + 2
  r = Shell(list + "--name 'pkg/*' --kind source --sort name");
  EXPECT_EQ(r.out, std::string("KIND             SIZE     STORED  NAME\n") +
                       "source              0          0  pkg/__init__.py\n" +
                       "source             14         14  pkg/mod.py\n")
      << r.out;
  r = Shell(list + "--sort size --json >" + dir_ + "/list.json");
  EXPECT_EQ(r.status, 0) << r.out;
  r = Shell(std::string(FREEZER_TEST_PYTHON) + " -I -c 'import json,sys; "
            "s = [e[\"size\"] for e in json.load(sys.stdin)]; "
            "print(len(s) > 10, s == sorted(s, reverse=True))' <" + dir_ + "/list.json");
  EXPECT_EQ(r.out, "True True\n");
  r = Shell(list + "--kind nonsense");
  EXPECT_NE(r.status, 0);
}

}  // namespace
