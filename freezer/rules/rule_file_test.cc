// The package rule reader on strings and an in-memory directory.
#include "freezer/rules/rule_file.h"

#include <gtest/gtest.h>

#include "freezer/memory_disk.h"

namespace freezer {
namespace {

TEST(RuleFile, EveryKey) {
  PackageRule r;
  std::string err;
  ASSERT_TRUE(ParseRuleFile("/r/pytz.toml",
                            "note = 'n'\npackage-data-on-disk = true\nversion = '>=2020, <3000'\nlibraries = ['libz.so.1']\nhidden-imports = ['a.b', 'c.*']\nexclude-imports = ['PIL']\n"
                            "[[data]]\nsource = '/usr/share/zoneinfo'\ndest = 'zoneinfo/x'\nskip = ['right']\n"
                            "on-disk = true\n[[data]]\nsource = 'rel'\n"
                            "[environment]\nPYTZ_TZDATADIR = '{files}/zoneinfo/x'\n"
                            "[[replace]]\nmodule = 'pytz'\nold = 'A'\nnew = 'B'\n",
                            &r, &err))
      << err;
  EXPECT_EQ(r.name, "pytz");
  EXPECT_EQ(r.package, "pytz");  // the file's name by default
  EXPECT_EQ(r.note, "n");
  EXPECT_TRUE(r.package_data_on_disk);
  EXPECT_FALSE(r.program_data_on_disk);
  EXPECT_EQ(r.version, ">=2020, <3000");
  EXPECT_EQ(r.libraries, (std::vector<std::string>{"libz.so.1"}));
  EXPECT_EQ(r.hidden_imports, (std::vector<std::string>{"a.b", "c.*"}));
  EXPECT_EQ(r.exclude_imports, (std::vector<std::string>{"PIL"}));
  ASSERT_EQ(r.data.size(), 2u);
  EXPECT_EQ(r.data[0].dest, "zoneinfo/x");
  EXPECT_TRUE(r.data[0].on_disk);
  EXPECT_FALSE(r.data[1].on_disk);
  EXPECT_EQ(r.data[1].dest, "");
  ASSERT_EQ(r.environment.size(), 1u);
  EXPECT_EQ(r.environment[0].first, "PYTZ_TZDATADIR");
  ASSERT_EQ(r.edits.size(), 1u);
  EXPECT_EQ(r.edits[0].new_text, "B");
}

// What `freezer rules show` prints for a pyproject rule reads back as the same rule.
TEST(RuleFile, RuleToTomlReadsBackTheSameRule) {
  PackageRule r;
  r.name = "tool";
  r.package = "mytool";
  r.note = "a \"quoted\" note\\ with\nlines";
  r.version = ">=1, <2";
  r.hidden_imports = {"mytool.backends.*"};
  r.exclude_imports = {"tkinter"};
  r.libraries = {"libz.so.1"};
  r.program_data_on_disk = true;
  r.package_data_on_disk = true;
  r.data.push_back({"/usr/share/x", "mytool/x", {"*.bak"}, true});
  r.environment.emplace_back("MYTOOL_DATA", "{files}/mytool/x");
  r.edits.push_back({"mytool.paths", "'/usr/share/x'", "os.environ['MYTOOL_DATA']\t"});
  r.settings.module_named_by = "MYTOOL_SETTINGS";
  r.settings.attributes = {{"PLUGINS", RuleSettings::Bundle::kTree}, {"URLS", RuleSettings::Bundle::kModule}};
  PackageRule back;
  std::string err, text = RuleToToml(r);
  ASSERT_TRUE(ParseRuleFile("/r/tool.toml", text, &back, &err)) << err << "\n" << text;
  EXPECT_EQ(back.package, r.package);
  EXPECT_EQ(back.note, r.note);
  EXPECT_EQ(back.version, r.version);
  EXPECT_EQ(back.hidden_imports, r.hidden_imports);
  EXPECT_EQ(back.exclude_imports, r.exclude_imports);
  EXPECT_EQ(back.libraries, r.libraries);
  EXPECT_TRUE(back.program_data_on_disk);
  EXPECT_TRUE(back.package_data_on_disk);
  ASSERT_EQ(back.data.size(), 1u);
  EXPECT_EQ(back.data[0].dest, "mytool/x");
  EXPECT_EQ(back.data[0].skip, r.data[0].skip);
  EXPECT_TRUE(back.data[0].on_disk);
  EXPECT_EQ(back.environment, r.environment);
  ASSERT_EQ(back.edits.size(), 1u);
  EXPECT_EQ(back.edits[0].new_text, r.edits[0].new_text);
  EXPECT_EQ(back.settings.module_named_by, "MYTOOL_SETTINGS");
  EXPECT_EQ(back.settings.attributes, r.settings.attributes);
}

// Mistakes are errors naming file:line and the key.
TEST(RuleFile, MistakesNameTheLine) {
  struct { const char* text; const char* message; } cases[] = {
      {"note = 'x'\nhiden-imports = ['a']\n", "/r/p.toml:2: unknown key 'hiden-imports'"},
      {"hidden-imports = 'a'\n", "/r/p.toml:1: 'hidden-imports' must be an array of strings"},
      {"hidden-imports = ['a b']\n", "'a b' is not a module name"},
      {"[[data]]\ndest = 'x'\n", "/r/p.toml:1: 'data.source' is required"},
      {"[[data]]\nsource = 'x'\ndest = '/abs'\n", "must be a relative path inside the app"},
      {"[[data]]\nsource = 'x'\non-disk = 'yes'\n", "/r/p.toml:3: 'data.on-disk' must be true or false"},
      {"package-data-on-disk = 1\n", "/r/p.toml:1: 'package-data-on-disk' must be true or false"},
      {"[[replace]]\nmodule = 'm'\nold = 'a'\n", "'replace.new' is required"},
      {"[environment]\nX = 1\n", "/r/p.toml:2: 'environment.X' must be a string"},
      {"package = 'a.b'\n", "'package' must name a top-level module"},
      {"note = \n", "/r/p.toml:1:"},
      {"version = '~2'\n", "/r/p.toml:1: 'version': '~2' is not a version clause"},
      {"libraries = ['/usr/lib/libx.so']\n", "'libraries': '/usr/lib/libx.so' is not a library name"},
      {"[settings]\nmodule-named-by = 'X'\n[settings.attributes]\nA = 'all'\n",
       "/r/p.toml:4: 'settings.attributes.A' must be \"module\" or \"tree\""},
      {"[settings]\nattributes = {A = 'tree'}\n", "'settings.module-named-by' is required"},
      {"[settings]\nmodule-named-by = 'X'\n", "'settings.attributes' is required"},
  };
  for (const auto& c : cases) {
    PackageRule r;
    std::string err;
    EXPECT_FALSE(ParseRuleFile("/r/p.toml", c.text, &r, &err)) << c.text;
    EXPECT_NE(err.find(c.message), std::string::npos) << c.text << " gave: " << err;
  }
}

TEST(RuleFile, DirectoryInNameOrderAndUserRulesOverShipped) {
  MemoryDisk disk;
  disk.AddFile("/shipped/b.toml", "note = 'shipped b'\n");
  disk.AddFile("/shipped/a.toml", "note = 'shipped a'\n");
  disk.AddFile("/shipped/README", "not a rule");
  disk.AddFile("/user/b.toml", "note = 'user b'\n");
  std::vector<PackageRule> shipped, user;
  std::string err;
  ASSERT_TRUE(LoadRuleDir(&disk, "/shipped", &shipped, &err)) << err;
  ASSERT_TRUE(LoadRuleDir(&disk, "/user", &user, &err)) << err;
  ASSERT_EQ(shipped.size(), 2u);
  EXPECT_EQ(shipped[0].name, "a");
  std::vector<PackageRule> all = MergeRules(shipped, user);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[1].note, "user b");
  EXPECT_FALSE(LoadRuleDir(&disk, "/missing", &user, &err));
}

}  // namespace
}  // namespace freezer
