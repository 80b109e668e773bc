#include "freezer/graph/scan_record.h"

#include <gtest/gtest.h>

namespace freezer {
namespace {

CompiledModule Sample() {
  CompiledModule m;
  ImportRef a;
  a.name = "json";
  a.line = 3;
  ImportRef b;
  b.name = "";
  b.level = 2;
  b.fromlist = {"x", "y"};
  b.conditional = b.guarded = b.platform = true;
  b.function = "Cls.run";
  b.alternative_to = {0};
  b.main_only = b.only_if_found = b.package_tree = b.child_main = true;
  b.line = 70000;
  m.imports = {a, b};
  m.codec_names = {"koi8_r"};
  m.name_strings = {"pkg.sub", "a.b"};
  m.names_file = true;
  return m;
}

TEST(ScanRecordTest, RoundTripsEveryField) {
  CompiledModule in = Sample(), out;
  std::string stored = AppendScanRecord("BYTECODE", {"pkg/mod.py", false}, in);
  std::string_view body;
  ASSERT_TRUE(SplitScanRecord(stored, {"pkg/mod.py", false}, &body, &out));
  EXPECT_EQ(body, "BYTECODE");
  ASSERT_EQ(out.imports.size(), 2u);
  const ImportRef& b = out.imports[1];
  EXPECT_EQ(out.imports[0].name, "json");
  EXPECT_EQ(out.imports[0].line, 3);
  EXPECT_EQ(b.level, 2);
  EXPECT_EQ(b.fromlist, (std::vector<std::string>{"x", "y"}));
  EXPECT_TRUE(b.conditional && b.guarded && b.platform && b.main_only && b.only_if_found && b.package_tree && b.child_main);
  EXPECT_EQ(b.function, "Cls.run");
  EXPECT_EQ(b.alternative_to, (std::vector<size_t>{0}));
  EXPECT_EQ(b.line, 70000);
  EXPECT_EQ(out.codec_names, in.codec_names);
  EXPECT_EQ(out.name_strings, in.name_strings);
  EXPECT_TRUE(out.names_file);
}

TEST(ScanRecordTest, AnotherKeyIsAMissButTheBytecodeIsFound) {
  std::string stored = AppendScanRecord("BYTECODE", {"pkg/mod.py", false}, Sample());
  std::string_view body;
  CompiledModule out;
  EXPECT_FALSE(SplitScanRecord(stored, {"pkg/other.py", false}, &body, &out));
  EXPECT_EQ(body, "BYTECODE");
  EXPECT_FALSE(SplitScanRecord(stored, {"pkg/mod.py", true}, &body, &out));
  EXPECT_EQ(body, "BYTECODE");
  EXPECT_TRUE(out.imports.empty());
}

TEST(ScanRecordTest, PlainBytecodeHasNoRecord) {
  std::string_view body;
  CompiledModule out;
  EXPECT_FALSE(SplitScanRecord("BYTECODE", {"m.py", false}, &body, &out));
  EXPECT_EQ(body, "BYTECODE");
}

TEST(ScanRecordTest, EveryTruncationAndFlipIsAMissNeverACrash) {
  std::string stored = AppendScanRecord("BYTECODE", {"m.py", false}, Sample());
  for (size_t cut = 0; cut < stored.size(); ++cut) {
    std::string_view body;
    CompiledModule out;
    EXPECT_FALSE(SplitScanRecord(std::string_view(stored).substr(0, cut), {"m.py", false}, &body, &out));
  }
  for (size_t at = 8; at < stored.size() - 12; ++at) {  // past the bytecode, before the marker
    std::string bad = stored;
    bad[at] = static_cast<char>(bad[at] ^ 0x80);
    std::string_view body;
    CompiledModule out;
    SplitScanRecord(bad, {"m.py", false}, &body, &out);  // may match (a flipped name): must not crash
  }
}

}  // namespace
}  // namespace freezer
