#include "freezer/cli/report_command.h"

#include <gtest/gtest.h>

#include "archive/payload_format.h"
#include "freezer/graph/import_chains.h"

namespace freezer {
namespace {

TEST(ImportChainsMissing, RoundTripAndOldGraphs) {
  ImportChains c;
  c.roots = {{"__main__", "entry script"}};
  c.edges["__main__"] = {"json"};
  c.missing = {{"nose", "numpy.testing", "/x/a\tb.py:3", false}, {"nt", "os", "os:1", true}};
  ImportChains back;
  std::string err;
  ASSERT_TRUE(ImportChains::Parse(c.Serialize(), &back, &err)) << err;
  ASSERT_EQ(back.missing.size(), 2u);
  EXPECT_EQ(back.missing[0].name, "nose");
  EXPECT_EQ(back.missing[0].importer, "numpy.testing");
  EXPECT_EQ(back.missing[0].where, "/x/a\tb.py:3");  // a tab in a path survives
  EXPECT_FALSE(back.missing[0].conditional);
  EXPECT_TRUE(back.missing[1].conditional);
  // What apps built before missing lines carry still parses.
  ASSERT_TRUE(ImportChains::Parse("root\t__main__\tentry script\nedge\t__main__\tjson\n", &back, &err));
  EXPECT_TRUE(back.missing.empty());
  EXPECT_FALSE(ImportChains::Parse("missing\tx\tonly-importer\n", &back, &err));
}

TEST(ImportChainsImporters, ShortestChainPredecessors) {
  ImportChains c;
  c.roots = {{"__main__", "entry script"}};
  c.edges["__main__"] = {"a", "b"};
  c.edges["a"] = {"c.d"};
  c.edges["b"] = {"c"};
  auto imp = c.Importers();
  EXPECT_EQ(imp["__main__"], "");
  EXPECT_EQ(imp["a"], "__main__");
  EXPECT_EQ(imp["c.d"], "a");
  EXPECT_EQ(imp["c"], "b");  // reached from b first (breadth-first)
  EXPECT_EQ(imp.count("zzz"), 0u);
}

TEST(Report, GroupsByTopLevelPackage) {
  using payload::EntryKind;
  auto g = [](EntryKind k, const char* n) { return ReportGroup(static_cast<int>(k), n); };
  EXPECT_EQ(g(EntryKind::kModule, "json.decoder"), "json");
  EXPECT_EQ(g(EntryKind::kModule, "__main__"), "__main__");
  EXPECT_EQ(g(EntryKind::kSource, "json/decoder.py"), "json");
  EXPECT_EQ(g(EntryKind::kSource, "six.py"), "six");
  EXPECT_EQ(g(EntryKind::kExtension, "_ssl.cpython-311-x86_64-linux-gnu.so"), "_ssl");
  EXPECT_EQ(g(EntryKind::kExtension, "numpy/core/_m.cpython-311-x86_64-linux-gnu.so"), "numpy");
  EXPECT_EQ(g(EntryKind::kSharedLib, ".libs/libz.so.1"), "shared libraries");
  EXPECT_EQ(g(EntryKind::kData, ".freezer/graph"), "freezer");
  EXPECT_EQ(g(EntryKind::kData, "certifi/cacert.pem"), "certifi");
}

TEST(Report, DataCannotEndTheScriptElement) {
  std::string page = RenderReport(R"({"where":"/d</script><b>x.py","n":"<!--"})", "a<b>&c");
  EXPECT_EQ(page.find("</script><b>"), std::string::npos);
  EXPECT_NE(page.find(R"(/d<\/script><b>x.py)"), std::string::npos);
  EXPECT_EQ(page.find("<!--\""), std::string::npos);
  EXPECT_NE(page.find("freezer report: a&lt;b&gt;&amp;c</title>"), std::string::npos);
  EXPECT_EQ(page.find("@FREEZER_"), std::string::npos);
  // Self-contained: nothing fetched.
  EXPECT_EQ(page.find("<link"), std::string::npos);
  EXPECT_EQ(page.find("<script src"), std::string::npos);
}

}  // namespace
}  // namespace freezer
