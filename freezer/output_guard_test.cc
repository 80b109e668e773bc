#include "freezer/output_guard.h"

#include <gtest/gtest.h>

#include "archive/payload_test_util.h"
#include "freezer/memory_disk.h"

namespace freezer {
namespace {

TEST(OutputGuard, RefusesAnOutputThatIsAnInputOrTheStub) {
  MemoryDisk disk;
  disk.AddFile("/p/app.py", "print(1)\n");
  disk.AddFile("/p/data.txt", "d");
  disk.AddFile("/s/freezer-stub", "ELF");
  ReadRecordingDisk rec(&disk);
  std::string bytes, err;
  ASSERT_TRUE(rec.ReadFile("/p/app.py", &bytes, &err));
  ASSERT_TRUE(rec.ReadFile("/p/data.txt", &bytes, &err));
  EXPECT_FALSE(CheckOutputIsNoInput(&rec, "-o", "/p/app.py", "/s/freezer-stub", rec.read(), &err));
  EXPECT_EQ(err, "-o '/p/app.py' is the same file as the input '/p/app.py'; refusing to overwrite it");
  EXPECT_FALSE(CheckOutputIsNoInput(&rec, "--report", "/p/data.txt", "/s/freezer-stub", rec.read(), &err));
  EXPECT_FALSE(CheckOutputIsNoInput(&rec, "-o", "/s/freezer-stub", "/s/freezer-stub", rec.read(), &err));
  EXPECT_EQ(err, "-o '/s/freezer-stub' is the same file as the stub '/s/freezer-stub'; refusing to overwrite it");
  EXPECT_TRUE(CheckOutputIsNoInput(&rec, "-o", "/p/app", "/s/freezer-stub", rec.read(), &err));
  disk.AddFile("/p/app", "old app");  // an existing output that is no input
  EXPECT_TRUE(CheckOutputIsNoInput(&rec, "-o", "/p/app", "/s/freezer-stub", rec.read(), &err));
}

TEST(OutputGuard, TheStubMustBeBare) {
  using payload::testing::BuildApp;
  using payload::testing::FakeStub;
  std::string err;
  const std::string stub = FakeStub(4096);
  EXPECT_TRUE(CheckBareStub("stub", stub, &err)) << err;
  std::vector<uint8_t> app = BuildApp(stub, payload::testing::SampleEntries());
  EXPECT_FALSE(CheckBareStub("stub", std::string(app.begin(), app.end()), &err));
  EXPECT_NE(err.find("the stub 'stub' is not a bare stub: it ends in a payload"), std::string::npos)
      << err;
  EXPECT_FALSE(CheckBareStub("stub", stub + "junk", &err));
  EXPECT_NE(err.find("bytes after its ELF image (4)"), std::string::npos) << err;
  EXPECT_FALSE(CheckBareStub("stub", stub.substr(0, 4000), &err));
  EXPECT_NE(err.find("is damaged"), std::string::npos) << err;
}

TEST(OutputGuard, TheOutputLocationIsCheckedBeforeTheWork) {
  MemoryDisk disk;
  disk.AddFile("/p/afile", "x");
  disk.AddFile("/p/dist/old", "x");
  std::string err;
  EXPECT_TRUE(CheckOutputLocation(&disk, "-o", "/p/new/sub/app", &err)) << err;  // made when written
  EXPECT_TRUE(CheckOutputLocation(&disk, "-o", "app", &err)) << err;
  EXPECT_FALSE(CheckOutputLocation(&disk, "-o", "/p/dist", &err));
  EXPECT_EQ(err, "-o '/p/dist': is a directory");
  EXPECT_FALSE(CheckOutputLocation(&disk, "-o", "/p/afile/app", &err));
  EXPECT_EQ(err, "-o '/p/afile/app': '/p/afile' is not a directory");
  EXPECT_FALSE(CheckOutputLocation(&disk, "--report", "/p/out/", &err));
  EXPECT_EQ(err, "--report '/p/out/': names a directory, not a file");
}

}  // namespace
}  // namespace freezer
