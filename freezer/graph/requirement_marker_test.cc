#include "freezer/graph/requirement_marker.h"

#include <gtest/gtest.h>

namespace freezer {
namespace {

TEST(RequirementMarkerTest, FalseOnlyWhereEveryBranchIsFalseHere) {
  EXPECT_FALSE(MarkerMayHold(" implementation_name == \"pypy\""));  // pyzmq's `py`
  EXPECT_FALSE(MarkerMayHold("sys_platform == 'win32'"));
  EXPECT_FALSE(MarkerMayHold("python_version < \"3.8\""));
  EXPECT_FALSE(MarkerMayHold("extra == \"test\""));
  EXPECT_FALSE(MarkerMayHold("platform_system == \"Windows\" and python_version >= \"3.6\""));
  EXPECT_FALSE(MarkerMayHold("sys_platform == \"win32\" or sys_platform == \"darwin\""));
  EXPECT_TRUE(MarkerMayHold("python_version < \"3.12\""));  // 3.11 < 3.12 as versions, not strings
  EXPECT_TRUE(MarkerMayHold("python_version >= \"3.9\""));
  EXPECT_TRUE(MarkerMayHold("sys_platform != \"win32\""));
  EXPECT_TRUE(MarkerMayHold("sys_platform == \"win32\" or implementation_name == \"cpython\""));
  EXPECT_TRUE(MarkerMayHold("\"linux\" in sys_platform"));
  // What it cannot judge it keeps.
  EXPECT_TRUE(MarkerMayHold("platform_release >= \"5\""));
  EXPECT_TRUE(MarkerMayHold("(python_version < \"3.8\" or os_name == 'nt') and extra == 'x'"));
  EXPECT_FALSE(MarkerMayHold("(python_version < \"3.8\") and extra == 'x'"));
}

}  // namespace
}  // namespace freezer
