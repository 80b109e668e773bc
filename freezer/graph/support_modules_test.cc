// Which support modules go into which apps, and that their imports are
// followed like the program's (on small in-memory trees).
#include "freezer/graph/support_modules.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>

#include "archive/member_paths.h"
#include "freezer/graph/python_runtime.h"
#include "freezer/memory_disk.h"

namespace freezer {
namespace {

class SupportModulesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string err;
    ASSERT_TRUE(StartPython(&err)) << err;
    // Stand-ins for the stdlib modules the support modules import.
    disk_.AddFile("/lib/traceback.py", "import linecache\n");
    disk_.AddFile("/lib/linecache.py", "import functools\n");
    disk_.AddFile("/lib/functools.py", "");
    disk_.AddFile("/lib/threading.py", "");
    disk_.AddFile("/lib/importlib/__init__.py", "");
    disk_.AddFile("/lib/importlib/resources/__init__.py", "");
    disk_.AddFile("/lib/importlib/resources/abc.py", "");
    disk_.AddFile("/lib/ast.py", "");
    disk_.AddFile("/lib/multiprocessing/__init__.py", "");
    disk_.AddFile("/lib/multiprocessing/spawn.py", "");
    disk_.AddFile("/lib/multiprocessing/forkserver.py", "");
  }

  // Scans /app/main.py, then adds the support modules.
  bool Build(const std::string& main, bool include_source) {
    disk_.AddFile("/app/main.py", main);
    GraphOptions options;
    options.search_path = {"/app", "/lib"};
    options.include_source = include_source;
    cache_ = std::make_unique<PycCache>(&disk_, PycCacheOptions{});
    graph_ = std::make_unique<ModuleGraph>(&disk_, cache_.get(), options);
    err_.clear();
    return graph_->AddScript("/app/main.py", &err_) &&
           AddSupportModules(graph_.get(), include_source, &err_);
  }

  bool Has(std::string_view name) { return graph_->modules().count(std::string(name)) > 0; }

  bool Imports(std::string_view importer, const std::string& imported) {
    const auto& imports = graph_->modules().at(std::string(importer)).imports;
    return std::find(imports.begin(), imports.end(), imported) != imports.end();
  }

  MemoryDisk disk_;
  std::unique_ptr<PycCache> cache_;
  std::unique_ptr<ModuleGraph> graph_;
  std::string err_;
};

TEST_F(SupportModulesTest, PlainAppGetsNone) {
  ASSERT_TRUE(Build("print('hello')\n", false)) << err_;
  EXPECT_FALSE(Has(payload::kResourcesSupportModule));
  EXPECT_FALSE(Has(payload::kSourceHooksSupportModule));
  EXPECT_FALSE(Has(payload::kMultiprocessingSupportModule));
  EXPECT_FALSE(Has("traceback"));
}

TEST_F(SupportModulesTest, IncludeSourceBringsTheHooksAndWhatTheyImport) {
  ASSERT_TRUE(Build("print('hello')\n", true)) << err_;
  ASSERT_TRUE(Has(payload::kSourceHooksSupportModule));
  EXPECT_TRUE(Imports(payload::kSourceHooksSupportModule, "traceback"));
  EXPECT_TRUE(Imports(payload::kSourceHooksSupportModule, "threading"));
  EXPECT_TRUE(Has("linecache"));
  EXPECT_TRUE(Has("functools"));
  // Bundled with its source, like every module of an --include-source app.
  EXPECT_FALSE(graph_->modules().at(std::string(payload::kSourceHooksSupportModule)).source.empty());
  EXPECT_FALSE(Has(payload::kResourcesSupportModule));
}

TEST_F(SupportModulesTest, ImportlibResourcesBringsTheResourceViews) {
  ASSERT_TRUE(Build("import importlib.resources\n", false)) << err_;
  ASSERT_TRUE(Has(payload::kResourcesSupportModule));
  EXPECT_TRUE(Imports(payload::kResourcesSupportModule, "importlib.resources.abc"));
  EXPECT_FALSE(Has(payload::kSourceHooksSupportModule));
}

TEST_F(SupportModulesTest, MultiprocessingSpawnBringsTheHelperProcessGlue) {
  ASSERT_TRUE(Build("import multiprocessing\n", false)) << err_;
  EXPECT_FALSE(Has(payload::kMultiprocessingSupportModule));  // no spawn: no helper processes

  ASSERT_TRUE(Build("import multiprocessing.spawn\n", false)) << err_;
  ASSERT_TRUE(Has(payload::kMultiprocessingSupportModule));
  EXPECT_TRUE(Imports(payload::kMultiprocessingSupportModule, "multiprocessing.forkserver"));
  EXPECT_TRUE(Imports(payload::kMultiprocessingSupportModule, "ast"));
}

}  // namespace
}  // namespace freezer
