// Entry-point discovery on in-memory trees: a group named in bundled code
// brings the modules installed distributions declare in it.
#include "freezer/graph/entry_points.h"

#include <gtest/gtest.h>

#include "freezer/graph/python_runtime.h"
#include "freezer/memory_disk.h"

namespace freezer {
namespace {

class EntryPointsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string err;
    ASSERT_TRUE(StartPython(&err)) << err;
    disk_.AddFile("/app/main.py", "import fxhost\nfxhost.run()\n");
    disk_.AddFile("/lib/fxplug/__init__.py", "");
    disk_.AddFile("/lib/fxplug/checks.py", "import fxplugdep\n");
    disk_.AddFile("/lib/fxplug/cli.py", "");
    disk_.AddFile("/lib/fxplug/unqueried.py", "");
    disk_.AddFile("/lib/fxplugdep.py", "");
    disk_.AddFile("/lib/importlib_metadata.py", "");
    disk_.AddFile("/lib/fxplug-1.0.dist-info/METADATA", "Name: fxplug\n\n");
    disk_.AddFile("/lib/fxplug-1.0.dist-info/entry_points.txt",
                  "[fxhost.plugins]\nchecks = fxplug.checks:Checker\ngone = fxplug.gone:X\n"
                  "[console_scripts]\nfxplug = fxplug.cli:main\n"
                  "[distutils.commands]\nbuild_fx = fxplug.cli:Build\n"
                  "[other.group]\nu = fxplug.unqueried\n");
  }

  bool Build(const std::string& host_source) {
    disk_.AddFile("/lib/fxhost.py", host_source);
    GraphOptions options;
    options.search_path = {"/app", "/lib"};
    cache_ = std::make_unique<PycCache>(&disk_, PycCacheOptions{});
    graph_ = std::make_unique<ModuleGraph>(&disk_, cache_.get(), options);
    err_.clear();
    return graph_->AddScript("/app/main.py", &err_) && AddQueriedEntryPoints(graph_.get(), &err_);
  }

  bool Bundled(const std::string& name) {
    auto it = graph_->modules().find(name);
    return it != graph_->modules().end() && it->second.kind != Module::Kind::kMissing;
  }

  MemoryDisk disk_;
  std::unique_ptr<PycCache> cache_;
  std::unique_ptr<ModuleGraph> graph_;
  std::string err_;
};

TEST_F(EntryPointsTest, AQueriedGroupBringsItsTargetsAndWhatTheyImport) {
  ASSERT_TRUE(Build("from importlib_metadata import entry_points\n"
                    "def run():\n    return entry_points(group='fxhost.plugins')\n"))
      << err_;
  EXPECT_TRUE(Bundled("fxplug.checks"));
  EXPECT_TRUE(Bundled("fxplugdep"));  // what the plugin imports is scanned as usual
  EXPECT_FALSE(Bundled("fxplug.unqueried"));  // a group nothing names
  EXPECT_FALSE(Bundled("fxplug.cli"));        // launchers and build hooks
  EXPECT_FALSE(Bundled("fxplug.gone"));       // a target that does not exist: quiet
  for (const auto& m : graph_->missing()) EXPECT_NE(m.name, "fxplug.gone");
  bool reason = false;
  for (const auto& [name, why] : graph_->roots())
    if (name == "fxplug.checks")
      reason = why.find("fxhost.plugins") != std::string::npos && why.find("fxhost") != std::string::npos;
  EXPECT_TRUE(reason) << "the root reason names the group and the module that queries it";
}

TEST_F(EntryPointsTest, NoGroupNamedNothingAdded) {
  ASSERT_TRUE(Build("def run():\n    return 'fxhost'\n")) << err_;
  EXPECT_FALSE(Bundled("fxplug"));
  EXPECT_FALSE(Bundled("fxplug.checks"));
}

TEST_F(EntryPointsTest, AGroupNamedByAPluginIsFollowedInTurn) {
  disk_.AddFile("/lib/fxplug/checks.py", "KIND = 'other.group'\n");
  ASSERT_TRUE(Build("import importlib_metadata\ndef run():\n    return 'fxhost.plugins'\n")) << err_;
  EXPECT_TRUE(Bundled("fxplug.checks"));
  EXPECT_TRUE(Bundled("fxplug.unqueried"));
}

TEST_F(EntryPointsTest, NoMetadataReaderBundledNoGroupQueried) {
  // Entry points are found only through importlib.metadata, importlib_metadata,
  // pkg_resources or entrypoints: without one, a group's name is just a string.
  ASSERT_TRUE(Build("def run():\n    return 'fxhost.plugins'\n")) << err_;
  EXPECT_FALSE(Bundled("fxplug.checks"));
}

}  // namespace
}  // namespace freezer
