// `freezer inspect`: the fields of its JSON report.
#include "freezer/cli/inspect_command.h"

#include <gtest/gtest.h>

#include "archive/payload_digest.h"
#include "freezer/cli/tool_test_util.h"

namespace freezer {
namespace {

using namespace payload::testing;
using namespace freezer::testing;

TEST(Inspect, PythonVersionOfMagic) {
  EXPECT_EQ(PythonVersionOfMagic(0x0a0d0da7), "3.11");  // a7 0d 0d 0a
  EXPECT_EQ(PythonVersionOfMagic(0x0a0d0d6f), "3.10");  // 3439
  EXPECT_EQ(PythonVersionOfMagic(0x0a0d0dcb), "3.12");  // 3531
  EXPECT_EQ(PythonVersionOfMagic(0x0a0d0000), std::nullopt);
  EXPECT_EQ(PythonVersionOfMagic(0x00000da7), std::nullopt);  // no "\r\n"
}

TEST(Inspect, JsonFields) {
  TempDir dir;
  const std::vector<uint8_t> app = BuildApp(FakeStub(1000), AppEntries());
  WriteBytes(dir / "app", app);
  payload::PayloadReader r;
  std::string out, err;
  ASSERT_EQ(r.Open(Span(app), &err), payload::PayloadReader::OpenResult::kOk);
  ASSERT_TRUE(InspectApp(dir / "app", true, &out, &err)) << err;
  const std::string expected[] = {
      "{\"app\":\"" + dir / "app" + "\",",
      "\"format_version\":4,",
      "\"python_version\":\"3.11\",",
      "\"bytecode_magic\":\"a70d0d0a\",",
      "\"bytecode_magic_number\":3495,",
      "\"entry\":{\"kind\":\"module\",\"target\":\"a.b\"},",
      "\"build_options\":{\"include_source\":true,\"unbuffered\":false,\"optimize\":1,"
      "\"xoptions\":[\"utf8\"],\"warnings\":[],\"allow_env\":[]},",
      "\"file_size\":" + std::to_string(app.size()) + ",",
      "\"stub_size\":1000,",
      "\"payload_size\":" + std::to_string(app.size() - 1000) + ",",
      "\"entry_count\":12,",
      "\"bytecode\":{\"count\":3,",
      "\"source\":{\"count\":1,",
      "\"extension\":{\"count\":1,\"size\":300,",
      "\"shared_library\":{\"count\":1,\"size\":100,\"stored_size\":100}",
      "\"data\":{\"count\":4,",
      "\"metadata\":{\"count\":1,",
      "\"boot_config\":{\"count\":1,",
      "\"digest\":\"" + payload::DigestString(r.digest()) + "\",",
      "\"digest_covers\":" + std::to_string(app.size() - 32) + ",",
      "\"glibc_floor\":null,\"glibc_floor_file\":null,\"glibc_floor_symbol\":null}\n",
  };
  for (const std::string& field : expected)
    EXPECT_NE(out.find(field), std::string::npos) << "missing " << field << " in\n" << out;
}

TEST(Inspect, WithoutABootManifest) {
  TempDir dir;
  WriteBytes(dir / "app", BuildApp(FakeStub(128), {{"x.txt", payload::EntryKind::kData, "x"}}));
  std::string out, err;
  ASSERT_TRUE(InspectApp(dir / "app", true, &out, &err)) << err;
  EXPECT_NE(out.find("\"entry\":null,\"build_options\":null,"
                     "\"boot_manifest_error\":\"no .freezer/boot entry\""),
            std::string::npos)
      << out;
  ASSERT_TRUE(InspectApp(dir / "app", false, &out, &err)) << err;
  EXPECT_NE(out.find("entry:          unknown (no .freezer/boot entry)"), std::string::npos)
      << out;
}

TEST(Inspect, TextReport) {
  TempDir dir;
  WriteBytes(dir / "app", BuildApp(FakeStub(1000), AppEntries()));
  std::string out, err;
  ASSERT_TRUE(InspectApp(dir / "app", false, &out, &err)) << err;
  for (const char* line : {"format version: 4\n", "python:         3.11 (bytecode magic a70d0d0a, 3495)\n",
                           "entry:          module a.b\n", "stub:           1000 bytes\n",
                           "glibc floor:    unknown\n"})
    EXPECT_NE(out.find(line), std::string::npos) << line << " in\n" << out;
}

TEST(Inspect, NotAnApp) {
  TempDir dir;
  WriteBytes(dir / "stub", std::vector<uint8_t>(100, 'x'));
  std::string out, err;
  EXPECT_FALSE(InspectApp(dir / "stub", true, &out, &err));
  EXPECT_EQ(err, dir / "stub" + ": no payload (not a frozen app)");
  EXPECT_FALSE(InspectApp(dir / "missing", true, &out, &err));
  EXPECT_NE(err.find("missing"), std::string::npos);
}

}  // namespace
}  // namespace freezer
