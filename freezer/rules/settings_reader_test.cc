// Settings read from source without running it.
#include "freezer/rules/settings_reader.h"

#include <gtest/gtest.h>

namespace freezer {
namespace {

TEST(SettingsReader, StringsPairedWithTheVariable) {
  std::vector<std::string> out;
  std::string err;
  ASSERT_TRUE(StringsPairedWith("import os\nos.environ.setdefault('S_MOD', 'site.settings')\n"
                                "os.environ['S_MOD'] = 'other.settings'\nf('T', 'not.this')\n",
                                "S_MOD", &out, &err))
      << err;
  EXPECT_EQ(out, (std::vector<std::string>{"site.settings", "other.settings"}));
  EXPECT_FALSE(StringsPairedWith("def (:\n", "S_MOD", &out, &err));
  EXPECT_NE(err.find("not valid Python"), std::string::npos);
}

TEST(SettingsReader, StringsAssignedToNamesAtModuleLevel) {
  std::map<std::string, std::vector<std::string>> out;
  std::string err;
  ASSERT_TRUE(StringsAssignedTo("from pathlib import Path\nAPPS = ['a.one', 'b']\nAPPS += ['c.two']\n"
                                "DB = {'default': {'ENGINE': 'x.sqlite3', 'NAME': Path('d') / 'db'}}\n"
                                "def f():\n    APPS = ['not.module.level']\nOTHER = 'ignored'\n",
                                {"APPS", "DB"}, &out, &err))
      << err;
  EXPECT_EQ(out["APPS"], (std::vector<std::string>{"a.one", "b", "c.two"}));
  EXPECT_EQ(out["DB"], (std::vector<std::string>{"default", "ENGINE", "x.sqlite3", "NAME", "d", "db"}));
  EXPECT_EQ(out.count("OTHER"), 0u);
}

}  // namespace
}  // namespace freezer
