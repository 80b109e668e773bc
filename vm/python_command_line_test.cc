#include "vm/python_command_line.h"

#include <gtest/gtest.h>

namespace vm {
namespace {

bool NoDirectory(const std::string&) { return false; }
bool EveryDirectory(const std::string&) { return true; }

bool Python(std::vector<std::string> args) {
  args.insert(args.begin(), "/app");
  return IsPythonCommandLine(args, NoDirectory);
}

TEST(PythonCommandLineTest, PythonsOptionsAre) {
  EXPECT_TRUE(Python({"-c", "print(1)"}));
  EXPECT_TRUE(Python({"-cprint(1)"}));
  EXPECT_TRUE(Python({"-m", "json.tool"}));
  EXPECT_TRUE(Python({"-mjson.tool"}));
  EXPECT_TRUE(Python({"-I", "-c", "x"}));
  EXPECT_TRUE(Python({"-E"}));
  EXPECT_TRUE(Python({"-S"}));
  EXPECT_TRUE(Python({"-X", "dev", "-c", "x"}));
  EXPECT_TRUE(Python({"-Xutf8"}));
  EXPECT_TRUE(Python({"-Werror"}));
  EXPECT_TRUE(Python({"-u"}));
  EXPECT_TRUE(Python({"-OO"}));
  EXPECT_TRUE(Python({"-B"}));
  EXPECT_TRUE(Python({"-s"}));
  EXPECT_TRUE(Python({"-bb"}));
  EXPECT_TRUE(Python({"-Esc", "x"}));
  EXPECT_TRUE(Python({"-IEm", "x"}));
  EXPECT_TRUE(Python({"-"}));
  EXPECT_TRUE(Python({"--version"}));
  EXPECT_TRUE(Python({"--help"}));
  EXPECT_TRUE(Python({"--check-hash-based-pycs", "always"}));
}

TEST(PythonCommandLineTest, ScriptsAre) {
  EXPECT_TRUE(Python({"script.py", "a"}));
  EXPECT_TRUE(Python({"/tmp/x/run.pyc"}));
  EXPECT_TRUE(Python({"app.pyz"}));
  EXPECT_TRUE(Python({"bundle.zip"}));
  EXPECT_TRUE(IsPythonCommandLine({"/app", "somedir"}, EveryDirectory));
}

TEST(PythonCommandLineTest, TheAppsOwnArgvIsNot) {
  EXPECT_FALSE(Python({}));
  EXPECT_FALSE(Python({"child", "5"}));
  EXPECT_FALSE(Python({"serve", "-c", "x"}));
  EXPECT_FALSE(Python({"--verbose"}));
  EXPECT_FALSE(Python({"--"}));
  EXPECT_FALSE(Python({"-z"}));
  EXPECT_FALSE(Python({"-vz"}));
  EXPECT_FALSE(Python({".py"}));
  EXPECT_FALSE(Python({"data.txt"}));
  EXPECT_FALSE(Python({"--multiprocessing-fork", "pipe_handle=3"}));
  EXPECT_FALSE(IsPythonCommandLine({"/app", "somedir"}, NoDirectory));
}

}  // namespace
}  // namespace vm
