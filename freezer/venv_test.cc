#include "freezer/venv.h"

#include <gtest/gtest.h>

#include "freezer/memory_disk.h"

namespace freezer {
namespace {

constexpr const char* kSite = "/v/lib/python3.11/site-packages";

TEST(Venv, PthFilesAddDirectoriesAndEditableInstallsInSitesOrder) {
  MemoryDisk disk;
  disk.AddFile("/v/pyvenv.cfg", "home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.2\n");
  disk.AddFile(std::string(kSite) + "/a.pth", "# comment\n/ext\nrel\n/missing\nimport os\n");
  disk.AddFile(std::string(kSite) + "/rel/m.py", "");
  disk.AddFile("/ext/m.py", "");
  disk.AddFile(std::string(kSite) + "/__editable__.p-1.pth",
               "import __editable___p_1_finder; __editable___p_1_finder.install()\n");
  disk.AddFile(std::string(kSite) + "/__editable___p_1_finder.py",
               "MAPPING: dict[str, str] = {'p': '/proj/src/p', 'gone': '/nowhere/gone'}\n");
  disk.AddFile("/proj/src/p/__init__.py", "");
  VenvSearch v;
  std::string err;
  ASSERT_TRUE(ReadVenv(&disk, "/v", &v, &err)) << err;
  EXPECT_FALSE(v.system_site);
  // By file name, as site.py reads them: "__editable__.p-1.pth" before "a.pth".
  EXPECT_EQ(v.dirs, (std::vector<std::string>{kSite, "/proj/src", "/ext", std::string(kSite) + "/rel"}));
}

TEST(Venv, AnotherPythonsVenvIsRefused) {
  MemoryDisk disk;
  disk.AddFile("/v/pyvenv.cfg", "home = /usr/bin\nversion = 3.12.1\n");
  disk.AddFile("/v/lib/python3.12/site-packages/x.py", "");
  VenvSearch v;
  std::string err;
  EXPECT_FALSE(ReadVenv(&disk, "/v", &v, &err));
  EXPECT_NE(err.find("--venv /v: a venv of Python 3.12.1"), std::string::npos) << err;
  MemoryDisk pyenv;
  pyenv.AddFile("/v/pyvenv.cfg", "home = /root/.pyenv/versions/3.11.2/bin\nversion = 3.11.2\n");
  pyenv.AddFile(std::string(kSite) + "/x.py", "");
  EXPECT_FALSE(ReadVenv(&pyenv, "/v", &v, &err));
  EXPECT_NE(err.find("made by the Python in /root/.pyenv/versions/3.11.2/bin"), std::string::npos) << err;
  MemoryDisk bare;  // no pyvenv.cfg: a tree laid out like one, system site kept
  bare.AddFile(std::string(kSite) + "/x.py", "");
  VenvSearch b;
  EXPECT_TRUE(ReadVenv(&bare, "/v", &b, &err)) << err;
  EXPECT_TRUE(b.system_site);
}

}  // namespace
}  // namespace freezer
