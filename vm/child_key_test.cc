// The child key leaves the environment entirely, and only a well-formed key
// counts.
#include "vm/child_key.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <string>

extern char** environ;

namespace vm {
namespace {

std::string Name() { return std::string(kChildKeyVariable); }

bool InEnviron(std::string_view needle) {
  for (char** e = environ; *e; ++e)
    if (std::string_view(*e).find(needle) != std::string_view::npos) return true;
  return false;
}

TEST(ChildKey, TakenOutOfTheEnvironment) {
  std::string key = NewChildKey();
  ASSERT_TRUE(IsWellFormedChildKey(key));
  setenv(Name().c_str(), key.c_str(), 1);
  setenv("FREEZER_TEST_KEPT", "1", 1);
  EXPECT_EQ(TakeChildKey(), key);
  EXPECT_EQ(getenv(Name().c_str()), nullptr);
  EXPECT_FALSE(InEnviron(key));
  EXPECT_STREQ(getenv("FREEZER_TEST_KEPT"), "1");  // nothing else removed
  EXPECT_EQ(TakeChildKey(), "");                    // once only
}

TEST(ChildKey, MalformedKeysAreNoKeyButStillRemoved) {
  for (const char* bad : {"", "1", "0123456789abcdef0123456789abcdeF",
                          "0123456789abcdef0123456789abcdef0", "x123456789abcdef0123456789abcdef"}) {
    setenv(Name().c_str(), bad, 1);
    EXPECT_EQ(TakeChildKey(), "") << bad;
    EXPECT_EQ(getenv(Name().c_str()), nullptr) << bad;
  }
}

TEST(ChildKey, NewKeysDiffer) {
  EXPECT_NE(NewChildKey(), NewChildKey());
  EXPECT_FALSE(IsWellFormedChildKey(Name()));
}

}  // namespace
}  // namespace vm
