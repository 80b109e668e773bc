// Which PYTHON* variables a python child may honour: what its parent set or
// changed, never what the parent only inherited.
#include "vm/python_child_environment.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include "vm/child_key.h"

namespace vm {
namespace {

TEST(PythonChildEnvironment, InheritedEntriesLeaveOutTrustedAndAllowedNames) {
  setenv("PYTHONWARNINGS", "error", 1);
  setenv("PYTHONUTF8", "1", 1);
  setenv("PYTHONHASHSEED", "0", 1);
  setenv("NOT_PYTHON", "x", 1);
  std::set<std::string> inherited = InheritedPythonEntries({"PYTHONUTF8"}, {"PYTHONHASHSEED"});
  EXPECT_EQ(inherited.count("PYTHONWARNINGS=error"), 1u);
  EXPECT_EQ(inherited.count("PYTHONUTF8=1"), 0u);      // the parent named it
  EXPECT_EQ(inherited.count("PYTHONHASHSEED=0"), 0u);  // --allow-env honours it
  EXPECT_EQ(inherited.count("NOT_PYTHON=x"), 0u);
  for (const char* name : {"PYTHONWARNINGS", "PYTHONUTF8", "PYTHONHASHSEED", "NOT_PYTHON"}) unsetenv(name);
}

TEST(PythonChildEnvironment, TrustedAreTheVariablesSetOrChanged) {
  std::set<std::string> inherited = {"PYTHONWARNINGS=error", "PYTHONSTARTUP=/x.py"};
  EXPECT_EQ(TrustedPythonNames({"PYTHONWARNINGS=error", "PYTHONSTARTUP=/x.py", "HOME=/root"}, inherited),
            std::vector<std::string>{});
  EXPECT_EQ(TrustedPythonNames({"PYTHONWARNINGS=always", "PYTHONUTF8=1", "PYTHONSTARTUP=/x.py",
                                "PYTHONUTF8=1", "python_lower=1", "PYTHON=1"},
                               inherited),
            (std::vector<std::string>{"PYTHONUTF8", "PYTHONWARNINGS"}));
}

TEST(PythonChildEnvironment, UntrustedVariablesLeaveTheEnvironment) {
  setenv("PYTHONWARNINGS", "error", 1);
  setenv("PYTHONSTARTUP", "/x.py", 1);
  setenv("PYTHONUTF8", "1", 1);
  setenv("NOT_PYTHON", "x", 1);
  RemoveUntrustedPythonVariables({"PYTHONUTF8"});
  EXPECT_EQ(getenv("PYTHONWARNINGS"), nullptr);
  EXPECT_EQ(getenv("PYTHONSTARTUP"), nullptr);
  EXPECT_STREQ(getenv("PYTHONUTF8"), "1");
  EXPECT_STREQ(getenv("NOT_PYTHON"), "x");
  unsetenv("PYTHONUTF8");
  unsetenv("NOT_PYTHON");
}

TEST(PythonChildEnvironment, NamesTravelWithTheKey) {
  std::string key = NewChildKey();
  std::string name(kChildKeyVariable);
  setenv(name.c_str(), ChildKeyValue(key, {"PYTHONUTF8", "PYTHONWARNINGS"}).c_str(), 1);
  std::vector<std::string> names;
  EXPECT_EQ(TakeChildKey(&names), key);
  EXPECT_EQ(names, (std::vector<std::string>{"PYTHONUTF8", "PYTHONWARNINGS"}));
  // Only PYTHON* names count, and only with a well-formed key.
  setenv(name.c_str(), (key + ":PYTHONUTF8,HOME,PYTHONx,,PYTHONSAFEPATH").c_str(), 1);
  EXPECT_EQ(TakeChildKey(&names), key);
  EXPECT_EQ(names, (std::vector<std::string>{"PYTHONUTF8", "PYTHONSAFEPATH"}));
  setenv(name.c_str(), "nokey:PYTHONUTF8", 1);
  EXPECT_EQ(TakeChildKey(&names), "");
  EXPECT_TRUE(names.empty());
  EXPECT_EQ(ChildKeyValue(key, {}), key);
}

}  // namespace
}  // namespace vm
