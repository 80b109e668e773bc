// The payload is a valid zip for independent readers: libzip with
// ZIP_CHECKCONS, and Info-ZIP's unzip when installed.
#include <gtest/gtest.h>
#include <unistd.h>
#include <zip.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <map>

#include "archive/payload_test_util.h"

namespace payload {
namespace {

using namespace payload::testing;

std::string WriteTemp(const std::string& name, const std::vector<uint8_t>& bytes) {
  std::string path = ::testing::TempDir() + "/" + std::to_string(getpid()) + "_" + name;
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  EXPECT_TRUE(f.good());
  return path;
}

class PayloadZip : public ::testing::Test {
 protected:
  void SetUp() override {
    entries_ = SampleEntries();
    app_ = BuildApp(FakeStub(4096), entries_);
    path_ = WriteTemp("app.zip", app_);
  }
  void TearDown() override { std::remove(path_.c_str()); }

  std::vector<PayloadEntry> entries_;
  std::vector<uint8_t> app_;
  std::string path_;
};

TEST_F(PayloadZip, LibzipReadsEverythingConsistently) {
  int zerr = 0;
  zip_t* za = zip_open(path_.c_str(), ZIP_CHECKCONS | ZIP_RDONLY, &zerr);
  ASSERT_NE(za, nullptr) << "libzip error " << zerr;

  std::map<std::string, const PayloadEntry*> by_path;
  std::vector<std::string> paths;
  for (const PayloadEntry& e : entries_) {
    by_path[ArchivePath(e)] = &e;
    paths.push_back(ArchivePath(e));
  }
  std::sort(paths.begin(), paths.end());
  paths.push_back(std::string(kIndexMemberName));  // last, after the members

  ASSERT_EQ(zip_get_num_entries(za, 0), static_cast<zip_int64_t>(paths.size()));
  for (zip_uint64_t i = 0; i < paths.size(); ++i) {
    const char* name = zip_get_name(za, i, ZIP_FL_ENC_STRICT);
    ASSERT_NE(name, nullptr);
    EXPECT_EQ(name, paths[i]);
    zip_stat_t st;
    ASSERT_EQ(zip_stat_index(za, i, 0, &st), 0);
    std::tm tm;
    localtime_r(&st.mtime, &tm);
    EXPECT_EQ(tm.tm_year, 80);
    EXPECT_EQ(tm.tm_mon, 0);
    EXPECT_EQ(tm.tm_mday, 1);
    EXPECT_EQ(tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec, 0);

    zip_file_t* zf = zip_fopen_index(za, i, 0);
    ASSERT_NE(zf, nullptr) << zip_strerror(za);
    std::string content(st.size, '\0');
    ASSERT_EQ(zip_fread(zf, content.data(), st.size), static_cast<zip_int64_t>(st.size));
    char extra;
    EXPECT_EQ(zip_fread(zf, &extra, 1), 0);
    zip_fclose(zf);

    if (paths[i] == kIndexMemberName) {
      EXPECT_EQ(st.comp_method, ZIP_CM_STORE);
      Trailer t = GetTrailer(app_);
      ASSERT_EQ(content.size(), t.index_size);
      EXPECT_EQ(0, std::memcmp(content.data(), app_.data() + t.index_offset, t.index_size));
      continue;
    }
    const PayloadEntry& e = *by_path.at(paths[i]);
    EXPECT_EQ(content, e.bytes) << paths[i];
    EXPECT_TRUE(st.comp_method == ZIP_CM_STORE || st.comp_method == ZIP_CM_DEFLATE);
    if (!e.compress) {
      EXPECT_EQ(st.comp_method, ZIP_CM_STORE);
    }
  }

  int comment_len = 0;
  const char* comment = zip_get_archive_comment(za, &comment_len, ZIP_FL_ENC_RAW);
  ASSERT_EQ(comment_len, static_cast<int>(sizeof(Trailer)));
  EXPECT_EQ(0, std::memcmp(comment, app_.data() + TrailerPos(app_), sizeof(Trailer)));
  zip_discard(za);
}

TEST_F(PayloadZip, UnzipTestsCleanly) {
  if (access("/usr/bin/unzip", X_OK) != 0) GTEST_SKIP() << "no /usr/bin/unzip";
  std::string cmd = "/usr/bin/unzip -t '" + path_ + "' 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string output;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) output.append(buf, n);
  int status = pclose(p);
  EXPECT_EQ(status, 0) << output;
  EXPECT_EQ(output.find("warning"), std::string::npos) << output;
  EXPECT_NE(output.find("No errors detected"), std::string::npos) << output;
}

}  // namespace
}  // namespace payload
