// Version ranges of package rules, on Debian's version strings.
#include "freezer/rules/version_range.h"

#include <gtest/gtest.h>

namespace freezer {
namespace {

bool In(const char* range, const char* version) {
  VersionRange r;
  std::string err;
  EXPECT_TRUE(VersionRange::Parse(range, &r, &err)) << range << ": " << err;
  return r.Contains(version);
}

TEST(VersionRange, ReleaseNumbersIgnoreSuffixes) {
  EXPECT_EQ(ReleaseNumbers("2022.7.1+dfsg"), (std::vector<long>{2022, 7, 1}));
  EXPECT_EQ(ReleaseNumbers("3.0rc1"), (std::vector<long>{3, 0}));
  EXPECT_EQ(ReleaseNumbers("1.26.12.post1"), (std::vector<long>{1, 26, 12}));
  EXPECT_TRUE(ReleaseNumbers("dev").empty());
}

TEST(VersionRange, Clauses) {
  EXPECT_TRUE(In(">=2.0, <3", "2.28.1"));
  EXPECT_FALSE(In(">=2.0, <3", "3.0"));
  EXPECT_FALSE(In(">=2.0,<3", "1.9.9"));
  EXPECT_TRUE(In("==2.0", "2"));  // missing numbers are zeros
  EXPECT_TRUE(In("==2022.*", "2022.7.1+dfsg"));
  EXPECT_FALSE(In("==2022.*", "2023.1"));
  EXPECT_TRUE(In("!=1.4.2", "1.4.3"));
  EXPECT_FALSE(In("!=1.4.*", "1.4.3"));
  EXPECT_TRUE(In(">1.4", "1.4.1"));
  EXPECT_FALSE(In("<=1.4", "1.4.1"));
}

TEST(VersionRange, MistakesAreErrors) {
  for (const char* bad : {"", "2.0", "~=2.0", ">=", ">=2.x", ">=2,", "<3.*", ">= 2.0b1"}) {
    VersionRange r;
    std::string err;
    EXPECT_FALSE(VersionRange::Parse(bad, &r, &err)) << bad;
    EXPECT_NE(err.find("is not a version clause"), std::string::npos) << bad << ": " << err;
  }
}

}  // namespace
}  // namespace freezer
