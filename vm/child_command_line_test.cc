// Which argvs are multiprocessing's helper command lines, and what the app
// then runs: exactly the shapes multiprocessing writes, nothing close to them.
#include "vm/child_command_line.h"

#include <gtest/gtest.h>

namespace vm {
namespace {

using Args = std::vector<std::string>;

ChildCommand::Kind KindOf(const Args& argv) { return RecogniseChildCommand(argv).kind; }

constexpr char kSpawnCode[] =
    "from multiprocessing.spawn import spawn_main; spawn_main(tracker_fd=5, pipe_handle=7)";
constexpr char kTrackerCode[] = "from multiprocessing.resource_tracker import main;main(8)";

TEST(ChildCommandLine, FrozenSpawnForm) {
  Args argv = {"app", "--multiprocessing-fork", "tracker_fd=5", "pipe_handle=7"};
  ChildCommand c = RecogniseChildCommand(argv);
  EXPECT_EQ(c.kind, ChildCommand::Kind::kSpawn);
  EXPECT_EQ(c.code, kSpawnCode);
  EXPECT_EQ(c.argv, argv);  // sys.argv stays the app's, as spawn expects
  EXPECT_EQ(KindOf({"app", "--multiprocessing-fork", "parent_pid=None", "pipe_handle=12"}),
            ChildCommand::Kind::kSpawn);
}

TEST(ChildCommandLine, FrozenSpawnLookalikesAreTheAppsOwn) {
  EXPECT_EQ(KindOf({"app", "--multiprocessing-fork"}), ChildCommand::Kind::kNone);
  EXPECT_EQ(KindOf({"app", "--multiprocessing-fork", "tracker_fd=5"}), ChildCommand::Kind::kNone);
  EXPECT_EQ(KindOf({"app", "--multiprocessing-fork", "tracker_fd=5", "x=1"}),
            ChildCommand::Kind::kNone);
  EXPECT_EQ(KindOf({"app", "--multiprocessing-fork", "pipe_handle=abc"}), ChildCommand::Kind::kNone);
  EXPECT_EQ(KindOf({"app", "--multiprocessing-fork", "pipe_handle=7;import os"}),
            ChildCommand::Kind::kNone);
  EXPECT_EQ(KindOf({"app", "x", "--multiprocessing-fork", "pipe_handle=7"}), ChildCommand::Kind::kNone);
}

TEST(ChildCommandLine, PythonSpawnFormAfterInterpreterFlags) {
  ChildCommand c = RecogniseChildCommand(
      {"app", "-B", "-S", "-I", "-X", "frozen_modules=off", "-Wignore", "-OO", "-vv", "-bb",
       "-c", kSpawnCode, "--multiprocessing-fork"});
  EXPECT_EQ(c.kind, ChildCommand::Kind::kSpawn);
  EXPECT_EQ(c.code, kSpawnCode);
  EXPECT_EQ(c.argv, (Args{"-c", "--multiprocessing-fork"}));  // as python -c gives
  EXPECT_EQ(KindOf({"app", "-c", kSpawnCode}), ChildCommand::Kind::kNone);  // no trailing flag
  EXPECT_EQ(KindOf({"app", "-c", kSpawnCode, "--multiprocessing-fork", "x"}),
            ChildCommand::Kind::kNone);
}

TEST(ChildCommandLine, ResourceTracker) {
  ChildCommand c = RecogniseChildCommand({"app", "-E", "-c", kTrackerCode});
  EXPECT_EQ(c.kind, ChildCommand::Kind::kResourceTracker);
  EXPECT_EQ(c.code, kTrackerCode);
  EXPECT_EQ(c.argv, (Args{"-c"}));
  EXPECT_EQ(KindOf({"app", "-B", "-S", "-I", "-c", kTrackerCode, "extra"}), ChildCommand::Kind::kNone);
  EXPECT_EQ(KindOf({"app", "-c", "from multiprocessing.resource_tracker import main;main(x)"}),
            ChildCommand::Kind::kNone);
}

TEST(ChildCommandLine, ForkServerLiteralsArePassedAsText) {
  ChildCommand c = RecogniseChildCommand(
      {"app", "-c",
       "from multiprocessing.forkserver import main; main(3, 4, ['__main__'], "
       "**{'main_path': '/app/it\\'s.py'})"});
  EXPECT_EQ(c.kind, ChildCommand::Kind::kForkServer);
  EXPECT_EQ(c.code,
            "from _freezer_multiprocessing import forkserver_main; forkserver_main(3, 4, "
            "'[\\'__main__\\']', '{\\'main_path\\': \\'/app/it\\\\\\'s.py\\'}')");
  EXPECT_EQ(c.argv, (Args{"-c"}));
}

TEST(ChildCommandLine, ForkServerLookalikesAreTheAppsOwn) {
  const char* prefix = "from multiprocessing.forkserver import main; main(";
  for (std::string args : {"3, 4, [], {}", "x, 4, [], **{}", "3, 4, [], **{}; import os",
                           "3, [], **{}", "3, 4, [], **{}, 5"}) {
    SCOPED_TRACE(args);
    EXPECT_EQ(KindOf({"app", "-c", prefix + args + ")"}), ChildCommand::Kind::kNone);
  }
  EXPECT_EQ(KindOf({"app", "-c", std::string(prefix) + "3, 4, [], **{})", "x"}),
            ChildCommand::Kind::kNone);
}

TEST(ChildCommandLine, AnythingElseIsTheAppsOwn) {
  EXPECT_EQ(KindOf({}), ChildCommand::Kind::kNone);
  EXPECT_EQ(KindOf({"app"}), ChildCommand::Kind::kNone);
  EXPECT_EQ(KindOf({"app", "-c", "foo"}), ChildCommand::Kind::kNone);
  EXPECT_EQ(KindOf({"app", "-c"}), ChildCommand::Kind::kNone);
  EXPECT_EQ(KindOf({"app", "--verbose", "-c", kTrackerCode}), ChildCommand::Kind::kNone);
  EXPECT_EQ(KindOf({"app", "-u", "-c", kTrackerCode}), ChildCommand::Kind::kNone);
  EXPECT_EQ(KindOf({"app", "-vd", "-c", kTrackerCode}), ChildCommand::Kind::kNone);
  EXPECT_EQ(KindOf({"app", "-X", "-c", kTrackerCode}), ChildCommand::Kind::kNone);
  EXPECT_EQ(KindOf({"app", "-X", "=1", "-c", kTrackerCode}), ChildCommand::Kind::kNone);
  EXPECT_EQ(KindOf({"app", "-W", "-c", kTrackerCode}), ChildCommand::Kind::kNone);
}

}  // namespace
}  // namespace vm
