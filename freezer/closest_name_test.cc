#include "freezer/closest_name.h"

#include <gtest/gtest.h>

namespace freezer {
namespace {

TEST(ClosestName, ATypoOrAPrefixFindsTheName) {
  std::vector<std::string> subs = {"build", "init", "list", "inspect", "extract", "verify", "why"};
  EXPECT_EQ(ClosestName("biuld", subs), "build");
  EXPECT_EQ(ClosestName("inspct", subs), "inspect");
  EXPECT_EQ(ClosestName("frobnicate", subs), "");
  std::vector<std::string> opts = {"--output", "--hidden-import", "--exclude-module", "--path"};
  EXPECT_EQ(ClosestName("--outptu", opts), "--output");
  EXPECT_EQ(ClosestName("--hidden", opts), "--hidden-import");  // a prefix
  EXPECT_EQ(ClosestName("--onefile", opts), "");
  EXPECT_EQ(ClosestName("--output", opts), "");  // the name itself is no suggestion
}

}  // namespace
}  // namespace freezer
