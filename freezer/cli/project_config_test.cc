#include "freezer/cli/project_config.h"

#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <regex>

#include "freezer/cli/build_command.h"
#include "freezer/cli/build_flags.h"
#include "freezer/cli/init_command.h"
#include "freezer/cli/tool_test_util.h"

namespace freezer {
namespace {

struct Read {
  bool ok, found;
  std::string err;
  BuildOptions options;
};

Read ReadText(const std::string& text, const std::set<std::string>& given = {},
              const std::string& path = "pyproject.toml") {
  Read r;
  r.ok = ReadProjectConfig(path, text, given, &r.options, &r.found, &r.err);
  return r;
}

TEST(ProjectConfig, EveryKeyIntoItsOption) {
  Read r = ReadText(R"([tool.freezer]
entry = "src/app.py"
output = "dist/app"
paths = ["lib", "/opt/lib"]
venv = ".venv"
hidden-imports = ["a.b"]
exclude-modules = ["tkinter"]
include-packages = ["pkg"]
add-data = ["data:share/data", "/etc/x.conf:x.conf"]
extract-packages = ["certifi"]
include-source = true
compress = true
optimize = 2
strict = true
cache-dir = "cache"
no-cache = true
hash-based = true
unbuffered = true
xoptions = ["utf8"]
warnings = ["ignore"]
allow-env = ["PYTHONHASHSEED"]
stub = "stub"
report = "graph.json"
)", {}, "proj/pyproject.toml");
  ASSERT_TRUE(r.ok) << r.err;
  EXPECT_TRUE(r.found);
  const BuildOptions& o = r.options;
  // Relative paths are relative to the file's directory.
  EXPECT_EQ(o.script, "proj/src/app.py");
  EXPECT_EQ(o.output, "proj/dist/app");
  EXPECT_EQ(o.paths, (std::vector<std::string>{"proj/lib", "/opt/lib"}));
  EXPECT_EQ(o.venv, "proj/.venv");
  EXPECT_EQ(o.hidden_imports, std::vector<std::string>{"a.b"});
  EXPECT_EQ(o.excludes, std::vector<std::string>{"tkinter"});
  EXPECT_EQ(o.include_packages, std::vector<std::string>{"pkg"});
  EXPECT_EQ(o.add_data, (std::vector<std::string>{"proj/data:share/data", "/etc/x.conf:x.conf"}));
  EXPECT_EQ(o.extract_packages, std::vector<std::string>{"certifi"});
  EXPECT_TRUE(o.include_source && o.compress && o.strict && o.no_cache && o.hash_based && o.unbuffered);
  EXPECT_EQ(o.optimize, 2);
  EXPECT_EQ(o.cache_dir, "proj/cache");
  EXPECT_EQ(o.xoptions, std::vector<std::string>{"utf8"});
  EXPECT_EQ(o.warnings, std::vector<std::string>{"ignore"});
  EXPECT_EQ(o.allow_env, std::vector<std::string>{"PYTHONHASHSEED"});
  EXPECT_EQ(o.stub, "proj/stub");
  EXPECT_EQ(o.report, "proj/graph.json");
}

TEST(ProjectConfig, FlagsGivenWin) {
  BuildOptions o;
  o.output = "from-flag";
  o.module = "cli_mod";
  bool found = false;
  std::string err;
  ASSERT_TRUE(ReadProjectConfig("pyproject.toml",
                                "[tool.freezer]\nentry = \"app.py\"\noutput = \"x\"\noptimize = 1\n",
                                {"--output", "--module"}, &o, &found, &err))
      << err;
  EXPECT_EQ(o.output, "from-flag");
  EXPECT_EQ(o.module, "cli_mod");
  EXPECT_EQ(o.script, "");
  EXPECT_EQ(o.optimize, 1);
}

TEST(ProjectConfig, EntryForms) {
  auto entry = [](const std::string& value) {
    Read r = ReadText("[project.scripts]\nmytool = \"pkg.cli:main [extra]\"\n\n[tool.freezer]\nentry = \"" +
                      value + "\"\n");
    EXPECT_TRUE(r.ok) << r.err;
    return r.options.script + "|" + r.options.module + "|" + r.options.function;
  };
  EXPECT_EQ(entry("mytool"), "||pkg.cli:main");
  EXPECT_EQ(entry("app.py"), "app.py||");
  EXPECT_EQ(entry("pkg.app"), "|pkg.app|");
  EXPECT_EQ(entry("pkg.app:run"), "||pkg.app:run");
  Read bad = ReadText("[tool.freezer]\nentry = \"my tool\"\n");
  EXPECT_FALSE(bad.ok);
  EXPECT_NE(bad.err.find("pyproject.toml:2: 'tool.freezer.entry'"), std::string::npos) << bad.err;
}

TEST(ProjectConfig, UnknownKeyNamedWithItsLine) {
  Read r = ReadText("[project]\nname = \"x\"\n\n[tool.freezer]\nentry = \"app.py\"\nhiden-imports = [\"a\"]\n");
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.err, "pyproject.toml:6: unknown key 'tool.freezer.hiden-imports'");
  Read sub = ReadText("[tool.freezer.extra]\nx = 1\n");
  EXPECT_FALSE(sub.ok);
  EXPECT_NE(sub.err.find("unknown key 'tool.freezer.extra'"), std::string::npos) << sub.err;
}

TEST(ProjectConfig, WrongTypesNamedWithTheirLine) {
  struct Case { const char* body; const char* err; };
  for (const Case& c : std::vector<Case>{
           {"optimize = \"2\"", "pyproject.toml:2: 'tool.freezer.optimize' must be 0, 1 or 2, not a string"},
           {"optimize = 3", "pyproject.toml:2: 'tool.freezer.optimize' must be 0, 1 or 2, not 3"},
           {"compress = \"yes\"", "pyproject.toml:2: 'tool.freezer.compress' must be true or false, not a string"},
           {"output = [\"a\"]", "pyproject.toml:2: 'tool.freezer.output' must be a string, not an array"},
           {"hidden-imports = \"a\"",
            "pyproject.toml:2: 'tool.freezer.hidden-imports' must be an array of strings, not a string"},
           {"hidden-imports = [\n  \"a\",\n  1,\n]",
            "pyproject.toml:4: 'tool.freezer.hidden-imports' must be an array of strings; an item is an integer"},
       }) {
    Read r = ReadText(std::string("[tool.freezer]\n") + c.body + "\n");
    EXPECT_FALSE(r.ok) << c.body;
    EXPECT_EQ(r.err, c.err);
  }
  Read t = ReadText("[tool]\nfreezer = 1\n");
  EXPECT_FALSE(t.ok);
  EXPECT_EQ(t.err, "pyproject.toml:2: 'tool.freezer' must be a table, not an integer");
}

TEST(ProjectConfig, NoSectionOrBadToml) {
  Read none = ReadText("[project]\nname = \"x\"\n");
  EXPECT_TRUE(none.ok);
  EXPECT_FALSE(none.found);
  Read bad = ReadText("[tool.freezer]\nentry = \"app.py\n");
  EXPECT_FALSE(bad.ok);
  EXPECT_EQ(bad.err.rfind("pyproject.toml:2: not valid TOML: ", 0), 0u) << bad.err;
}

// A new build flag needs a [tool.freezer] key (or a reason not to have one).
TEST(ProjectConfig, EveryBuildFlagHasAKey) {
  CLI::App app;
  SetupBuild(app);
  std::set<std::string> flags;
  for (const BuildFlag& f : BuildFlags())
    if (*f.key) flags.insert(f.Name());
  for (const CLI::Option* opt : app.get_subcommand("build")->get_options()) {
    if (opt->get_lnames().empty()) continue;
    std::string flag = "--" + opt->get_lnames().front();
    if (flag == "--help" || flag == "--quiet" || flag == "--verbose" || flag == "--module" ||
        flag == "--entry")
      continue;  // per invocation, or part of `entry`
    EXPECT_TRUE(flags.count(flag)) << flag << " has no [tool.freezer] key";
  }
}

TEST(ProjectConfig, GivenOptionsAreTheParsedOnes) {
  CLI::App app;
  SetupBuild(app);
  app.get_subcommand("build")->callback([] {});  // parse only, build nothing
  const char* argv[] = {"freezer", "build", "app.py", "-o", "x", "--compress"};
  app.parse(6, const_cast<char**>(argv));
  std::set<std::string> given = GivenOptions(*app.get_subcommand("build"));
  EXPECT_EQ(given, (std::set<std::string>{"script", "--output", "--compress"}));
}

TEST(InitSection, ParsesAndEveryCommentedDefaultIsValid) {
  std::string section = InitSection("src/app.py");
  Read r = ReadText(section);
  ASSERT_TRUE(r.ok) << r.err;
  EXPECT_EQ(r.options.script, "src/app.py");
  // Uncomment every key: the defaults shown must have the right types.
  std::string all = std::regex_replace(section, std::regex("(^|\n)# ([a-z-]+ = )"), "$1$2");
  for (const BuildFlag& k : BuildFlags())
    if (*k.key) {
      EXPECT_NE(all.find(std::string("\n") + k.key + " = "), std::string::npos) << k.key;
    }
  Read every = ReadText(all);
  ASSERT_TRUE(every.ok) << every.err << "\n" << all;
  EXPECT_EQ(every.options.output, "dist/app");  // the default, under dist/
  EXPECT_EQ(every.options.optimize, 0);
  EXPECT_FALSE(every.options.compress);
}

TEST(InitCommand, WritesAppendsAndRefuses) {
  testing::TempDir dir;
  testing::WriteBytes(dir / "app.py", {'p', 'a', 's', 's', '\n'});
  InitOptions o;
  o.entry = dir / "app.py";
  o.file = dir / "pyproject.toml";
  testing::WriteBytes(o.file, {'[', 'p', 'r', 'o', 'j', 'e', 'c', 't', ']'});
  ASSERT_EQ(RunInit(o), 0);
  std::string text = testing::ReadBytes(o.file);
  EXPECT_EQ(text.rfind("[project]\n\n[tool.freezer]\n", 0), 0u) << text;
  EXPECT_NE(text.find("\nentry = \"app.py\""), std::string::npos) << text;
  EXPECT_EQ(RunInit(o), 1);  // the section is there now
  EXPECT_EQ(testing::ReadBytes(o.file), text);
  o.entry = dir / "missing.py";
  o.file = dir / "other.toml";
  EXPECT_EQ(RunInit(o), 1);
}

}  // namespace
}  // namespace freezer
