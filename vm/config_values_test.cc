// -X options and the allowed PYTHON* variables, parsed as python does.
#include "vm/config_values.h"

#include <gtest/gtest.h>
#include <stdlib.h>

namespace vm {
namespace {

using Values = std::map<std::string, std::string>;
using Options = std::vector<std::string>;

TEST(XOptions, HasXOption) {
  Options x = {"dev", "tracemalloc=5", "utf8=0", "importtime="};
  EXPECT_TRUE(HasXOption(x, "dev"));
  EXPECT_TRUE(HasXOption(x, "tracemalloc"));
  EXPECT_TRUE(HasXOption(x, "utf8"));
  EXPECT_TRUE(HasXOption(x, "importtime"));
  EXPECT_FALSE(HasXOption(x, "de"));
  EXPECT_FALSE(HasXOption(x, "tracemalloc=5x"));
  EXPECT_FALSE(HasXOption(x, "warn_default_encoding"));
  EXPECT_FALSE(HasXOption({"devmode"}, "dev"));
  EXPECT_FALSE(HasXOption({}, "dev"));
}

TEST(XOptions, Utf8Mode) {
  EXPECT_EQ(Utf8ModeFromXOptions({}), -1);
  EXPECT_EQ(Utf8ModeFromXOptions({"dev"}), -1);
  EXPECT_EQ(Utf8ModeFromXOptions({"utf8"}), 1);
  EXPECT_EQ(Utf8ModeFromXOptions({"utf8=1"}), 1);
  EXPECT_EQ(Utf8ModeFromXOptions({"utf8=0"}), 0);
  EXPECT_EQ(Utf8ModeFromXOptions({"utf8", "utf8=0"}), 0);  // the last wins
  EXPECT_EQ(Utf8ModeFromXOptions({"utf8=0", "utf8"}), 1);
  EXPECT_EQ(Utf8ModeFromXOptions({"utf8=2"}), -1);  // neither 0 nor 1: left to the locale
}

TEST(AllowedEnvironment, OnlyAllowedSetAndNonEmptyVariablesAreRead) {
  setenv("FREEZER_TEST_SET", "1", 1);
  setenv("FREEZER_TEST_EMPTY", "", 1);
  setenv("FREEZER_TEST_NOT_ALLOWED", "1", 1);
  unsetenv("FREEZER_TEST_UNSET");
  Values v = AllowedValues({"FREEZER_TEST_SET", "FREEZER_TEST_EMPTY", "FREEZER_TEST_UNSET"});
  EXPECT_EQ(v, (Values{{"FREEZER_TEST_SET", "1"}}));
}

AllowedEnvironment Parse(const Values& values, const Options& xoptions = {}) {
  AllowedEnvironment env;
  std::string err;
  EXPECT_TRUE(ParseAllowedEnvironment(values, xoptions, &env, &err)) << err;
  return env;
}

std::string ParseError(const Values& values) {
  AllowedEnvironment env;
  std::string err;
  EXPECT_FALSE(ParseAllowedEnvironment(values, {}, &env, &err));
  return err;
}

TEST(AllowedEnvironment, NothingAllowedChangesNothing) {
  AllowedEnvironment env = Parse({});
  EXPECT_EQ(env.utf8_mode, -1);
  EXPECT_FALSE(env.dev_mode);
  EXPECT_EQ(env.verbose, -1);
  EXPECT_EQ(env.unbuffered, -1);
  EXPECT_FALSE(env.use_hash_seed);
  EXPECT_EQ(env.tracemalloc, -1);
  EXPECT_TRUE(env.stdio_encoding.empty());
  EXPECT_TRUE(env.stdio_errors.empty());
  EXPECT_TRUE(env.warnings.empty());
}

TEST(AllowedEnvironment, Flags) {
  AllowedEnvironment env = Parse({{"PYTHONDEVMODE", "x"}, {"PYTHONFAULTHANDLER", "0"},
                                  {"PYTHONPROFILEIMPORTTIME", "1"}, {"PYTHONNODEBUGRANGES", "1"},
                                  {"PYTHONWARNDEFAULTENCODING", "1"}});
  EXPECT_TRUE(env.dev_mode);
  EXPECT_TRUE(env.faulthandler);  // set at all means on, even "0"
  EXPECT_TRUE(env.import_time);
  EXPECT_TRUE(env.no_debug_ranges);
  EXPECT_TRUE(env.warn_default_encoding);
}

TEST(AllowedEnvironment, FlagLevelsAsPythonCountsThem) {
  EXPECT_EQ(EnvFlagLevel("0"), 0);
  EXPECT_EQ(EnvFlagLevel("2"), 2);
  EXPECT_EQ(EnvFlagLevel("yes"), 1);
  EXPECT_EQ(EnvFlagLevel("-3"), 1);
  EXPECT_EQ(EnvFlagLevel("2x"), 1);
  EXPECT_EQ(EnvFlagLevel("99999999999"), 1);
  AllowedEnvironment env = Parse({{"PYTHONVERBOSE", "3"}, {"PYTHONUNBUFFERED", "0"}});
  EXPECT_EQ(env.verbose, 3);
  EXPECT_EQ(env.unbuffered, 0);  // PYTHONUNBUFFERED=0 leaves stdio buffered
}

TEST(AllowedEnvironment, Utf8ModeUnlessAnXOptionSays) {
  EXPECT_EQ(Parse({{"PYTHONUTF8", "1"}}).utf8_mode, 1);
  EXPECT_EQ(Parse({{"PYTHONUTF8", "0"}}).utf8_mode, 0);
  EXPECT_EQ(Parse({{"PYTHONUTF8", "1"}}, {"utf8=0"}).utf8_mode, -1);
  EXPECT_EQ(Parse({{"PYTHONUTF8", "bad"}}, {"utf8"}).utf8_mode, -1);  // not even checked
  EXPECT_EQ(ParseError({{"PYTHONUTF8", "2"}}), "invalid PYTHONUTF8 environment variable value");
}

TEST(AllowedEnvironment, HashSeed) {
  AllowedEnvironment env = Parse({{"PYTHONHASHSEED", "123"}});
  EXPECT_TRUE(env.use_hash_seed);
  EXPECT_EQ(env.hash_seed, 123u);
  EXPECT_EQ(Parse({{"PYTHONHASHSEED", "4294967295"}}).hash_seed, 4294967295u);
  EXPECT_FALSE(Parse({{"PYTHONHASHSEED", "random"}}).use_hash_seed);
  const std::string kError = "PYTHONHASHSEED must be \"random\" or an integer in range [0; 4294967295]";
  EXPECT_EQ(ParseError({{"PYTHONHASHSEED", "4294967296"}}), kError);
  EXPECT_EQ(ParseError({{"PYTHONHASHSEED", "12a"}}), kError);
  EXPECT_EQ(ParseError({{"PYTHONHASHSEED", "99999999999999999999999"}}), kError);
}

TEST(AllowedEnvironment, TracemallocUnlessAnXOptionSays) {
  EXPECT_EQ(Parse({{"PYTHONTRACEMALLOC", "25"}}).tracemalloc, 25);
  EXPECT_EQ(Parse({{"PYTHONTRACEMALLOC", "0"}}).tracemalloc, 0);
  EXPECT_EQ(Parse({{"PYTHONTRACEMALLOC", "bad"}}, {"tracemalloc=5"}).tracemalloc, -1);
  EXPECT_EQ(ParseError({{"PYTHONTRACEMALLOC", "-1"}}), "PYTHONTRACEMALLOC: invalid number of frames");
  EXPECT_EQ(ParseError({{"PYTHONTRACEMALLOC", "many"}}), "PYTHONTRACEMALLOC: invalid number of frames");
}

TEST(AllowedEnvironment, IoEncodingAndErrors) {
  struct Case {
    const char* value;
    const char* encoding;
    const char* errors;
  } cases[] = {
      {"latin-1:backslashreplace", "latin-1", "backslashreplace"},
      {"utf-8", "utf-8", "strict"},  // an encoding alone means strict
      {"utf-8:", "utf-8", "strict"},
      {":replace", "", "replace"},   // errors alone keep the encoding
      {":", "", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.value);
    AllowedEnvironment env = Parse({{"PYTHONIOENCODING", c.value}});
    EXPECT_EQ(env.stdio_encoding, c.encoding);
    EXPECT_EQ(env.stdio_errors, c.errors);
  }
}

TEST(AllowedEnvironment, WarningsSplitOnCommasSkippingEmptyItems) {
  EXPECT_EQ(Parse({{"PYTHONWARNINGS", "error,,ignore::DeprecationWarning,"}}).warnings,
            (std::vector<std::string>{"error", "ignore::DeprecationWarning"}));
  EXPECT_EQ(Parse({{"PYTHONWARNINGS", ","}}).warnings, std::vector<std::string>{});
}

}  // namespace
}  // namespace vm
