// Import scanning and resolution on small in-memory trees.
#include "freezer/graph/module_graph.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "freezer/graph/import_chains.h"
#include "freezer/graph/import_reach.h"
#include "freezer/graph/missing_imports.h"
#include "freezer/memory_disk.h"
#include "freezer/native/binary_module_names.h"
#include "freezer/graph/python_runtime.h"

namespace freezer {
namespace {

class ModuleGraphTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string err;
    ASSERT_TRUE(StartPython(&err)) << err;
  }

  // Builds the graph of /app/main.py over `disk`; returns false with err.
  bool Build(GraphOptions options = {}) {
    if (options.search_path.empty()) options.search_path = {"/app", "/lib"};
    cache_ = std::make_unique<PycCache>(&disk_, PycCacheOptions{});
    graph_ = std::make_unique<ModuleGraph>(&disk_, cache_.get(), options);
    err_.clear();
    return graph_->AddScript("/app/main.py", &err_);
  }

  Module::Kind KindOf(const std::string& name) {
    auto it = graph_->modules().find(name);
    return it == graph_->modules().end() ? Module::Kind::kMissing : it->second.kind;
  }

  const MissingImport* Missing(const std::string& name) {
    for (const auto& m : graph_->missing())
      if (m.name == name) return &m;
    return nullptr;
  }

  MemoryDisk disk_;
  std::unique_ptr<PycCache> cache_;
  std::unique_ptr<ModuleGraph> graph_;
  std::string err_;
};

TEST_F(ModuleGraphTest, RelativeImportsAndPackages) {
  disk_.AddFile("/app/main.py", "import fxpkg.sub.leaf\nfrom fxpkg import sibling\n");
  disk_.AddFile("/app/fxpkg/__init__.py", "from . import helper\n");
  disk_.AddFile("/app/fxpkg/helper.py", "");
  disk_.AddFile("/app/fxpkg/sibling.py", "from .sub import leaf\n");
  disk_.AddFile("/app/fxpkg/sub/__init__.py", "");
  disk_.AddFile("/app/fxpkg/sub/leaf.py", "from ..helper import *\nfrom .. import other\n");
  disk_.AddFile("/app/fxpkg/other.py", "");
  ASSERT_TRUE(Build()) << err_;
  EXPECT_EQ(KindOf("fxpkg"), Module::Kind::kPackage);
  EXPECT_EQ(KindOf("fxpkg.sub"), Module::Kind::kPackage);
  EXPECT_EQ(KindOf("fxpkg.sub.leaf"), Module::Kind::kSource);
  EXPECT_EQ(KindOf("fxpkg.helper"), Module::Kind::kSource);
  EXPECT_EQ(KindOf("fxpkg.sibling"), Module::Kind::kSource);  // from pkg import submodule
  EXPECT_EQ(KindOf("fxpkg.other"), Module::Kind::kSource);
  EXPECT_TRUE(graph_->missing().empty());
  EXPECT_EQ(graph_->modules().at("fxpkg.sub.leaf").archive_path, "fxpkg/sub/leaf.py");
  EXPECT_EQ(graph_->modules().at("fxpkg").archive_path, "fxpkg/__init__.py");
}

TEST_F(ModuleGraphTest, FromImportOfAnAttributeIsNotMissing) {
  disk_.AddFile("/app/main.py", "from fxattrs import VALUE, helper\n");
  disk_.AddFile("/app/fxattrs/__init__.py", "VALUE = 1\ndef helper(): pass\n");
  ASSERT_TRUE(Build()) << err_;
  EXPECT_TRUE(graph_->missing().empty());
}

TEST_F(ModuleGraphTest, RelativeImportBeyondTopLevelIsAProblem) {
  disk_.AddFile("/app/main.py", "import fxtop\n");
  disk_.AddFile("/app/fxtop.py", "from .. import nowhere\n");
  ASSERT_TRUE(Build()) << err_;
  ASSERT_EQ(graph_->problems().size(), 1u);
  EXPECT_NE(graph_->problems()[0].find("relative import beyond top-level package"), std::string::npos);
  EXPECT_NE(graph_->problems()[0].find("/app/fxtop.py:1"), std::string::npos);
}

TEST_F(ModuleGraphTest, CircularImportsTerminate) {
  disk_.AddFile("/app/main.py", "import fxa\n");
  disk_.AddFile("/app/fxa.py", "import fxb\n");
  disk_.AddFile("/app/fxb.py", "import fxa\n");
  ASSERT_TRUE(Build()) << err_;
  EXPECT_EQ(KindOf("fxa"), Module::Kind::kSource);
  EXPECT_EQ(KindOf("fxb"), Module::Kind::kSource);
}

TEST_F(ModuleGraphTest, NamespacePackageSpansPortions) {
  disk_.AddFile("/app/main.py", "import fxns.one\nimport fxns.two\n");
  disk_.AddFile("/app/fxns/one.py", "");
  disk_.AddFile("/lib/fxns/two.py", "");
  ASSERT_TRUE(Build()) << err_;
  EXPECT_EQ(KindOf("fxns"), Module::Kind::kNamespace);
  EXPECT_EQ(graph_->modules().at("fxns").package_dirs.size(), 2u);
  EXPECT_EQ(KindOf("fxns.one"), Module::Kind::kSource);
  EXPECT_EQ(KindOf("fxns.two"), Module::Kind::kSource);
}

TEST_F(ModuleGraphTest, RegularPackageWinsOverLaterNamespacePortion) {
  disk_.AddFile("/app/main.py", "import fxmix\n");
  disk_.AddFile("/app/fxmix/data.txt", "x");
  disk_.AddFile("/lib/fxmix/__init__.py", "");
  ASSERT_TRUE(Build()) << err_;
  EXPECT_EQ(KindOf("fxmix"), Module::Kind::kPackage);
}

TEST_F(ModuleGraphTest, ExcludedModulesAreNotMissing) {
  disk_.AddFile("/app/main.py", "import fxbig.sub\nimport fxbig\n");
  disk_.AddFile("/app/fxbig/__init__.py", "");
  disk_.AddFile("/app/fxbig/sub.py", "");
  GraphOptions o;
  o.excludes = {"fxbig"};
  ASSERT_TRUE(Build(o)) << err_;
  EXPECT_EQ(KindOf("fxbig"), Module::Kind::kExcluded);
  EXPECT_TRUE(graph_->missing().empty());
}

TEST_F(ModuleGraphTest, MissingImportsAreClassified) {
  disk_.AddFile("/app/main.py",
                "import sys\n"
                "import fxgone\n"
                "try:\n    import fxtry\nexcept ImportError:\n    fxtry = None\n"
                "def f():\n    import fxinfunc\n"
                "if sys.platform == 'win32':\n    import fxwin\n"
                "from typing import TYPE_CHECKING\n"
                "if TYPE_CHECKING:\n    import fxtyping\n");
  ASSERT_TRUE(Build()) << err_;
  ASSERT_NE(Missing("fxgone"), nullptr);
  EXPECT_FALSE(Missing("fxgone")->conditional);
  EXPECT_EQ(Missing("fxgone")->where, "/app/main.py:2");
  ASSERT_NE(Missing("fxtry"), nullptr);
  EXPECT_TRUE(Missing("fxtry")->conditional);
  EXPECT_TRUE(Missing("fxtry")->guarded);
  ASSERT_NE(Missing("fxinfunc"), nullptr);
  EXPECT_TRUE(Missing("fxinfunc")->conditional);
  EXPECT_FALSE(Missing("fxinfunc")->guarded);
  EXPECT_EQ(Missing("fxwin"), nullptr);     // another platform: not even looked for
  EXPECT_EQ(Missing("fxtyping"), nullptr);  // only for type checkers
}

// issue 11, warnings: guarded means that a handler catches the ImportError,
// through enclosing tries; other handlers leave a top-level import required.
TEST_F(ModuleGraphTest, GuardedMeansAHandlerOfImportError) {
  disk_.AddFile("/app/main.py",
                "from contextlib import suppress\n"
                "try:\n    import fx_oserror\nexcept OSError:\n    pass\n"
                "try:\n    import fx_exception\nexcept Exception:\n    pass\n"
                "try:\n    import fx_bare\nexcept:\n    pass\n"
                "try:\n    try:\n        import fx_nested\n    except OSError:\n        pass\n"
                "except ImportError:\n    pass\n"
                "try:\n    import fx_second\nexcept ValueError:\n    pass\n"
                "except (AttributeError, ModuleNotFoundError) as e:\n    pass\n"
                "try:\n    import fx_finally\nfinally:\n    pass\n"
                "with suppress(ImportError):\n    import fx_suppressed\n"
                "with open('x') as f:\n    import fx_in_with\n"
                "def f():\n    try:\n        import fx_fn_guarded\n    except ImportError:\n        pass\n"
                "    import fx_fn\n"
                "try:\n    import fx_primary\nexcept ImportError:\n    import fx_fallback\n");
  ASSERT_TRUE(Build()) << err_;
  struct Expect { const char* name; bool conditional, guarded; };
  for (const Expect& e : {Expect{"fx_oserror", false, false}, Expect{"fx_exception", true, true},
                          Expect{"fx_bare", true, true}, Expect{"fx_nested", true, true},
                          Expect{"fx_second", true, true}, Expect{"fx_finally", false, false},
                          Expect{"fx_suppressed", true, true}, Expect{"fx_in_with", false, false},
                          Expect{"fx_fn_guarded", true, true}, Expect{"fx_fn", true, false},
                          Expect{"fx_primary", true, true},
                          // both missing: the fallback's own failure is not caught
                          Expect{"fx_fallback", false, false}}) {
    const MissingImport* m = Missing(e.name);
    ASSERT_NE(m, nullptr) << e.name;
    EXPECT_EQ(m->conditional, e.conditional) << e.name;
    EXPECT_EQ(m->guarded, e.guarded) << e.name;
  }
}

// issue 11, warnings: branches for another Python are dead code on 3.11:
// not followed, not reported; the live side of each test is followed.
TEST_F(ModuleGraphTest, BranchesForAnotherPythonAreNotFollowed) {
  disk_.AddFile("/app/main.py",
                "import sys, six\n"
                "from sys import version_info\n"
                "PY2 = sys.version_info[0] == 2\nPY3 = not PY2\n"
                "if sys.version_info < (3,):\n    import fxv1\n"
                "if sys.version_info[0] == 2:\n    import fxv2\n"
                "if sys.version_info.major < 3:\n    import fxv3\n"
                "if sys.version_info[:2] < (3, 8):\n    import fxv4\n"
                "elif version_info >= (3, 12):\n    import fxv5\n"
                "else:\n    import fxlive1\n"
                "if PY2:\n    import fxv6\n"
                "if not PY3:\n    import fxv7\n"
                "if six.PY3:\n    import fxlive2\nelse:\n    import fxv8\n"
                "if sys.version_info >= (3,):\n    import fxlive3\nelse:\n    import fxv9\n"
                "def f():\n    if six.PY2:\n        import fxv10\n    import fxlive4\n"
                "if PY3 or sys.argv:\n    import fxlive5\n"
                "if sys.version_info < (3,) and sys.argv:\n    import fxv11\n");
  disk_.AddFile("/app/six.py", "PY2 = False\nPY3 = True\n");
  for (int i = 1; i <= 11; ++i) disk_.AddFile("/app/fxv" + std::to_string(i) + ".py", "");
  for (int i = 1; i <= 5; ++i) disk_.AddFile("/app/fxlive" + std::to_string(i) + ".py", "");
  ASSERT_TRUE(Build()) << err_;
  for (int i = 1; i <= 11; ++i) {
    std::string name = "fxv" + std::to_string(i);
    EXPECT_EQ(KindOf(name), Module::Kind::kMissing) << name << " (dead here) was followed";
    EXPECT_EQ(Missing(name), nullptr) << name;
  }
  for (int i = 1; i <= 5; ++i)
    EXPECT_EQ(KindOf("fxlive" + std::to_string(i)), Module::Kind::kSource) << "fxlive" << i;
  EXPECT_TRUE(graph_->missing().empty());
}

// issue 11, warnings: one entry per missing module, classed by how surely
// the program reaches the import; other platforms' modules set apart in
// libraries; the program's own code told from installed packages.
TEST_F(ModuleGraphTest, MissingModulesAreGroupedByHowSurelyTheyAreImported) {
  const std::string site = "/venv/lib/python3.11/site-packages";
  disk_.AddFile("/app/main.py",
                "import fxlib, fxown\n"
                "def later():\n    import fxlater\n"
                "try:\n    import fxguard\nexcept ImportError:\n    pass\n");
  disk_.AddFile("/app/fxown.py", "import fxgone\nimport fxgone\n");
  disk_.AddFile(site + "/fxlib/__init__.py", "import fxgone\nimport msvcrt\nfrom . import sub\n");
  disk_.AddFile(site + "/fxlib/sub.py", "import fxgone\nimport winreg\n");
  disk_.AddFile(site + "/fxlater.py", "import fxnotyet\n");  // top-level, in a delayed module
  disk_.AddFile(site + "/fxguard.py", "import fxcaught\n");  // top-level, in a guarded module
  disk_.AddFile("/app/fxwin.py", "import msvcrt\n");
  GraphOptions o;
  o.search_path = {"/app", site};
  ASSERT_TRUE(Build(o)) << err_;
  std::vector<MissingModule> groups = GroupMissing(*graph_);
  auto find = [&](const std::string& n) -> const MissingModule* {
    for (const auto& g : groups)
      if (g.name == n) return &g;
    return nullptr;
  };
  ASSERT_EQ(groups.size(), 5u);
  const MissingModule* gone = find("fxgone");
  ASSERT_NE(gone, nullptr);
  EXPECT_EQ(gone->cls, MissingModule::Class::kTopLevel);
  EXPECT_EQ(gone->count, 4u);      // collapsed: 4 imports ...
  EXPECT_EQ(gone->importers, 3u);  // ... in 3 modules
  EXPECT_TRUE(gone->own_code);     // fxown is the program's
  EXPECT_EQ(groups[0].name, "fxgone");
  ASSERT_NE(find("fxnotyet"), nullptr);
  EXPECT_EQ(find("fxnotyet")->cls, MissingModule::Class::kDelayed);
  EXPECT_FALSE(find("fxnotyet")->own_code);
  ASSERT_NE(find("fxcaught"), nullptr);
  EXPECT_EQ(find("fxcaught")->cls, MissingModule::Class::kGuarded);
  ASSERT_NE(find("msvcrt"), nullptr);
  EXPECT_EQ(find("msvcrt")->cls, MissingModule::Class::kOtherPlatform);
  ASSERT_NE(find("winreg"), nullptr);
  EXPECT_EQ(find("winreg")->cls, MissingModule::Class::kOtherPlatform);
  EXPECT_EQ(std::string(MissingClassName(groups.back().cls)), "other-platform");

  // The program's own unguarded import of another platform's module fails here.
  disk_.AddFile("/app/main.py", "import fxwin\n");
  ASSERT_TRUE(Build(o)) << err_;
  groups = GroupMissing(*graph_);
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].cls, MissingModule::Class::kTopLevel);
  EXPECT_TRUE(groups[0].own_code);
  EXPECT_TRUE(IsProgramCode("/app/x.py"));
  EXPECT_FALSE(IsProgramCode(site + "/x.py"));
  EXPECT_FALSE(IsProgramCode("/usr/lib/python3/dist-packages/x.py"));
  EXPECT_FALSE(IsProgramCode(InterpreterSearchPath().at(0) + "/os.py"));
}

// --entry MODULE:FUNCTION: the function runs first thing, so its own
// (unguarded) imports are as sure as top-level ones; other functions' are not.
TEST_F(ModuleGraphTest, TheEntryFunctionsImportsRunAtStartUp) {
  disk_.AddFile("/app/main.py", "import fxcli\n");
  disk_.AddFile("/app/fxcli.py",
                "import __main__\n"  // always there, with any entry
                "def main():\n    import fxcore\n    import fxgone_main\n"
                "    try:\n        import fxgone_guarded\n    except ImportError:\n        pass\n"
                "    def inner():\n        import fxgone_inner\n"
                "def other():\n    import fxgone_other\n");
  disk_.AddFile("/app/fxcore.py", "");
  GraphOptions o;
  o.entry_module = "fxcli";
  o.entry_function = "main";
  cache_ = std::make_unique<PycCache>(&disk_, PycCacheOptions{});
  o.search_path = {"/app"};
  graph_ = std::make_unique<ModuleGraph>(&disk_, cache_.get(), o);
  ASSERT_TRUE(graph_->AddModule("fxcli", &err_)) << err_;
  graph_->AddRoot("fxcli", "entry function (--entry)");
  EXPECT_EQ(Missing("__main__"), nullptr);
  EXPECT_EQ(graph_->modules().at("fxcli").import_rank.at("fxcore"), 0);
  ASSERT_NE(Missing("fxgone_main"), nullptr);
  EXPECT_FALSE(Missing("fxgone_main")->conditional);
  ASSERT_NE(Missing("fxgone_guarded"), nullptr);
  EXPECT_TRUE(Missing("fxgone_guarded")->guarded);
  ASSERT_NE(Missing("fxgone_inner"), nullptr);
  EXPECT_TRUE(Missing("fxgone_inner")->conditional);
  ASSERT_NE(Missing("fxgone_other"), nullptr);
  EXPECT_TRUE(Missing("fxgone_other")->conditional);
  ASSERT_TRUE(Build()) << err_;  // no --entry: main is a function like any other
  EXPECT_EQ(graph_->modules().at("fxcli").import_rank.at("fxcore"), 1);
  EXPECT_TRUE(Missing("fxgone_main")->conditional);
}

TEST_F(ModuleGraphTest, ExceptBlockFallbacksOnlyWhenNeeded) {
  disk_.AddFile("/app/main.py",
                "try:\n    import fxfast\nexcept ImportError:\n    import fxslow\n"
                "try:\n    import fxabsent\nexcept ImportError:\n    import fxsubstitute\n"
                "try:\n    x = int('1')\nexcept ValueError:\n    import fxonerror\n");
  disk_.AddFile("/app/fxfast.py", "");
  disk_.AddFile("/app/fxslow.py", "");
  disk_.AddFile("/app/fxsubstitute.py", "");
  disk_.AddFile("/app/fxonerror.py", "");
  ASSERT_TRUE(Build()) << err_;
  EXPECT_EQ(KindOf("fxfast"), Module::Kind::kSource);
  EXPECT_EQ(KindOf("fxslow"), Module::Kind::kMissing);         // never runs: fxfast is there
  EXPECT_EQ(KindOf("fxsubstitute"), Module::Kind::kSource);    // runs: fxabsent is missing
  EXPECT_EQ(KindOf("fxonerror"), Module::Kind::kSource);       // its try imports nothing
  ASSERT_NE(Missing("fxabsent"), nullptr);
  EXPECT_TRUE(Missing("fxabsent")->conditional);
}

TEST_F(ModuleGraphTest, PlatformGuardedModulesAreNotFollowed) {
  disk_.AddFile("/app/main.py", "import os\nif os.name == 'nt':\n    import fxntonly\nimport fxposix\n");
  disk_.AddFile("/app/fxntonly.py", "");
  disk_.AddFile("/app/fxposix.py", "");
  ASSERT_TRUE(Build()) << err_;
  EXPECT_EQ(KindOf("fxntonly"), Module::Kind::kMissing);
  EXPECT_EQ(KindOf("fxposix"), Module::Kind::kSource);
}

TEST_F(ModuleGraphTest, DynamicImportsWithLiteralNames) {
  disk_.AddFile("/app/main.py",
                "import importlib\nm = importlib.import_module('fxdyn1')\nn = __import__('fxdyn2')\n");
  disk_.AddFile("/app/fxdyn1.py", "");
  disk_.AddFile("/app/fxdyn2.py", "");
  ASSERT_TRUE(Build()) << err_;
  EXPECT_EQ(KindOf("fxdyn1"), Module::Kind::kSource);
  EXPECT_EQ(KindOf("fxdyn2"), Module::Kind::kSource);
}

TEST_F(ModuleGraphTest, MainGuardOfImportedModulesIsNotFollowed) {
  disk_.AddFile("/app/main.py",
                "import fxlib\nif __name__ == '__main__':\n    import fxentryonly\n");
  disk_.AddFile("/app/fxlib.py",
                "def _test():\n    import fxselftest\n"
                "if __name__ == '__main__':\n    import fxlibmain\n    _test()\n");
  disk_.AddFile("/app/fxentryonly.py", "");
  disk_.AddFile("/app/fxselftest.py", "");
  disk_.AddFile("/app/fxlibmain.py", "");
  ASSERT_TRUE(Build()) << err_;
  EXPECT_EQ(KindOf("fxentryonly"), Module::Kind::kSource);  // the entry's guard runs
  EXPECT_EQ(KindOf("fxlibmain"), Module::Kind::kMissing);
  // Called only from the guard here, but a program's own function may be an
  // --entry or be called from another module: followed (quietly).
  EXPECT_EQ(KindOf("fxselftest"), Module::Kind::kSource);
}

// The standard library's self-tests and CLIs (functions only its own main
// guard calls) are not followed: what kept hello at 20 entries.
TEST_F(ModuleGraphTest, StdlibFunctionsOnlyItsMainGuardCallsAreNotFollowed) {
  std::string lib = InterpreterSearchPath().at(0);
  disk_.AddFile("/app/main.py", "import fxstdlike\n");
  disk_.AddFile(lib + "/fxstdlike.py",
                "def _test():\n    import fxselftest2\n"
                "def used():\n    import fxused\n"
                "if __name__ == '__main__':\n    _test()\n");
  disk_.AddFile(lib + "/fxselftest2.py", "");
  disk_.AddFile(lib + "/fxused.py", "");
  ASSERT_TRUE(Build(GraphOptions{{"/app", lib}})) << err_;
  EXPECT_EQ(KindOf("fxselftest2"), Module::Kind::kMissing);
  EXPECT_EQ(KindOf("fxused"), Module::Kind::kSource);
}

// issue 11, defect 1: `--entry pk.cli:run` where run() is what the main guard calls.
TEST_F(ModuleGraphTest, EntryFunctionCalledByTheMainGuardIsFollowed) {
  disk_.AddFile("/app/main.py", "import pk.cli\npk.cli.run()\n");
  disk_.AddFile("/app/pk/__init__.py", "");
  disk_.AddFile("/app/pk/cli.py",
                "def run():\n    from pk.core import main\n    return main()\n"
                "if __name__ == '__main__':\n    run()\n");
  disk_.AddFile("/app/pk/core.py", "def main():\n    return 0\n");
  ASSERT_TRUE(Build()) << err_;
  EXPECT_EQ(KindOf("pk.core"), Module::Kind::kSource);
}

// issue 11, defect 2: only ImportError handlers are fallbacks of their try.
TEST_F(ModuleGraphTest, OnlyImportErrorHandlersAreFallbacks) {
  disk_.AddFile("/app/main.py",
                "try:\n    import fxprimary\nexcept ImportError:\n    import fxfallback\n"
                "try:\n    import fxprimary\nexcept KeyboardInterrupt:\n    import fxonsigint\n"
                "try:\n    import fxprimary\nexcept (ImportError, ModuleNotFoundError):\n"
                "    import fxfallback2\nexcept OSError:\n    import fxonoserror\n"
                "try:\n    import fxprimary\nexcept:\n    import fxbare\n");
  for (const char* m : {"fxprimary", "fxfallback", "fxonsigint", "fxfallback2", "fxonoserror", "fxbare"})
    disk_.AddFile(std::string("/app/") + m + ".py", "");
  ASSERT_TRUE(Build()) << err_;
  EXPECT_EQ(KindOf("fxfallback"), Module::Kind::kMissing);   // fxprimary is a plain module
  EXPECT_EQ(KindOf("fxfallback2"), Module::Kind::kMissing);
  EXPECT_EQ(KindOf("fxonsigint"), Module::Kind::kSource);
  EXPECT_EQ(KindOf("fxonoserror"), Module::Kind::kSource);
  EXPECT_EQ(KindOf("fxbare"), Module::Kind::kSource);
}

// A C extension may fail to load at run time: its pure-Python fallback comes too.
TEST_F(ModuleGraphTest, FallbackOfAnExtensionIsFollowed) {
  disk_.AddFile("/app/main.py",
                "try:\n    from fxspeed import f\nexcept ImportError:\n    from fxpure import f\n");
  disk_.AddFile("/app/fxspeed.cpython-311-x86_64-linux-gnu.so", "\x7f" "ELF");
  disk_.AddFile("/app/fxpure.py", "def f(): pass\n");
  ASSERT_TRUE(Build()) << err_;
  EXPECT_EQ(KindOf("fxspeed"), Module::Kind::kExtension);
  EXPECT_EQ(KindOf("fxpure"), Module::Kind::kSource);
}

// issue 11, defect 3: sysconfig imports its data module by a computed name.
TEST_F(ModuleGraphTest, SysconfigBringsItsDataModule) {
  std::string lib = InterpreterSearchPath().at(0);
  disk_.AddFile("/app/main.py", "import sysconfig\n");
  disk_.AddFile(lib + "/sysconfig.py", "def _init_posix(v):\n    name = 'x'\n    __import__(name)\n");
  disk_.AddFile(lib + "/" + SysconfigDataName() + ".py", "build_time_vars = {}\n");
  ASSERT_TRUE(Build(GraphOptions{{"/app", lib}})) << err_;
  EXPECT_EQ(SysconfigDataName(), "_sysconfigdata__x86_64-linux-gnu");
  EXPECT_EQ(KindOf(SysconfigDataName()), Module::Kind::kSource);
}

// A module that does not compile is bundled as code raising its
// SyntaxError (the build's CheckUncompilable decides whether that is an
// error); the entry itself must compile.
TEST_F(ModuleGraphTest, SyntaxErrorNamesFileLineAndColumn) {
  disk_.AddFile("/app/main.py", "import fxbroken\n");
  disk_.AddFile("/app/fxbroken.py", "x = 1\ndef f(:\n");
  ASSERT_TRUE(Build()) << err_;
  const Module& m = graph_->modules().at("fxbroken");
  EXPECT_EQ(m.syntax_error.rfind("/app/fxbroken.py:2:7: ", 0), 0u) << m.syntax_error;
  EXPECT_FALSE(m.pyc.empty());
  EXPECT_TRUE(m.imports.empty());
}

TEST_F(ModuleGraphTest, EntryWithSyntaxErrorFails) {
  disk_.AddFile("/app/main.py", "x = 1\ndef f(:\n");
  EXPECT_FALSE(Build());
  EXPECT_EQ(err_.rfind("/app/main.py:2:7: ", 0), 0u) << err_;
}

TEST_F(ModuleGraphTest, BuiltinAndFrozenModulesAreNotBundled) {
  disk_.AddFile("/app/main.py", "import sys, os, codecs\n");
  ASSERT_TRUE(Build()) << err_;
  EXPECT_EQ(KindOf("sys"), Module::Kind::kBuiltin);
  EXPECT_EQ(KindOf("os"), Module::Kind::kFrozen);
  EXPECT_EQ(KindOf("codecs"), Module::Kind::kFrozen);
}

TEST_F(ModuleGraphTest, ShortestChainFromTheEntry) {
  disk_.AddFile("/app/main.py", "import fxc1\nimport fxc2\n");
  disk_.AddFile("/app/fxc1.py", "import fxc3\n");
  disk_.AddFile("/app/fxc2.py", "import fxc1\n");
  disk_.AddFile("/app/fxc3.py", "");
  ASSERT_TRUE(Build()) << err_;
  ImportChains chains = ImportChains::FromGraph(*graph_);
  std::vector<std::string> expected = {"__main__", "fxc1", "fxc3"};
  EXPECT_EQ(chains.ShortestChain("fxc3"), expected);
  ImportChains parsed;
  std::string err;
  ASSERT_TRUE(ImportChains::Parse(chains.Serialize(), &parsed, &err)) << err;
  EXPECT_EQ(parsed.ShortestChain("fxc3"), expected);
  EXPECT_TRUE(parsed.ShortestChain("nothing").empty());
}

// A root something bundled made one (a computed import's target, a rule's
// hidden import) is reached through its cause, from the entry.
TEST_F(ModuleGraphTest, ShortestChainGoesThroughARootsCause) {
  disk_.AddFile("/app/main.py", "import fxa\n");
  disk_.AddFile("/app/fxa.py", "");
  disk_.AddFile("/app/fxplugin.py", "import fxhelper\n");
  disk_.AddFile("/app/fxhelper.py", "");
  disk_.AddFile("/app/fxorphan.py", "");
  ASSERT_TRUE(Build()) << err_;
  bool found = false;
  ASSERT_TRUE(graph_->AddOptionalModule("fxplugin", "named in fxa", &found, &err_, "fxa")) << err_;
  ASSERT_TRUE(graph_->AddOptionalModule("fxorphan", "caused from outside", &found, &err_, "nowhere")) << err_;
  ImportChains chains = ImportChains::FromGraph(*graph_);
  std::string err;
  ImportChains parsed;
  ASSERT_TRUE(ImportChains::Parse(chains.Serialize(), &parsed, &err)) << err;
  std::vector<std::string> expected = {"__main__", "fxa", "fxplugin", "fxhelper"};
  EXPECT_EQ(parsed.ShortestChain("fxhelper"), expected);
  EXPECT_EQ(parsed.root_causes.at("fxplugin"), "fxa");
  EXPECT_EQ(parsed.Reasons().at("fxplugin"), "named in fxa");
  // A cause nothing bundles: the root starts its own chain.
  EXPECT_EQ(parsed.ShortestChain("fxorphan"), std::vector<std::string>{"fxorphan"});
}

// The attributions `why` and the report show survive the graph member.
TEST(ImportChainsTest, RulesAndLibraryReasonsRoundTrip) {
  ImportChains c;
  c.roots.emplace_back("__main__", "entry script");
  c.library_reasons[".libs/libxml2.so.2"] = "needed by lxml.etree, lxml.objectify";
  c.library_reasons[".libs/libmagic.so.1"] = "package rule magic (rules/magic.toml)";
  c.rules.push_back({"magic", "rules/magic.toml", {"MAGIC={files}/magic/magic.mgc"}, {"magic/magic.mgc"},
                     {"libmagic.so.1"}});
  c.rules.push_back({"six", "rules/six.toml", {}, {}, {}});
  ImportChains back;
  std::string err;
  ASSERT_TRUE(ImportChains::Parse(c.Serialize(), &back, &err)) << err;
  EXPECT_EQ(back.library_reasons, c.library_reasons);
  ASSERT_EQ(back.rules.size(), 2u);
  EXPECT_EQ(back.rules[0].origin, "rules/magic.toml");
  EXPECT_EQ(back.rules[0].environment, c.rules[0].environment);
  EXPECT_EQ(back.rules[0].data, c.rules[0].data);
  EXPECT_EQ(back.rules[0].libraries, c.rules[0].libraries);
  EXPECT_EQ(back.rules[1].name, "six");
  EXPECT_TRUE(ImportChains::Parse("rule-env\tnone\tX=1\n", &back, &err) == false);  // no rule line first
}

// The report's attributions, missing-import classes and build options too.
TEST(ImportChainsTest, LibraryUsersMissingClassesAndOptionsRoundTrip) {
  ImportChains c;
  c.library_users[".libs/libxml2.so.2"] = {"lxml.etree", "lxml.objectify"};
  c.missing_classes["yaml"] = {"top-level", ""};
  c.missing_classes["pk.extra"] = {"delayed", "pk/extra.py"};
  c.options = {{"--hidden-import", "pk.plugins.*"}, {"--compress", ""}};
  ImportChains back;
  std::string err;
  ASSERT_TRUE(ImportChains::Parse(c.Serialize(), &back, &err)) << err;
  EXPECT_EQ(back.library_users, c.library_users);
  ASSERT_EQ(back.missing_classes.size(), 2u);
  EXPECT_EQ(back.missing_classes["pk.extra"].cls, "delayed");
  EXPECT_EQ(back.missing_classes["pk.extra"].found, "pk/extra.py");
  EXPECT_EQ(back.missing_classes["yaml"].found, "");
  EXPECT_EQ(back.options, c.options);
  EXPECT_FALSE(ImportChains::Parse("missing-class\tyaml\n", &back, &err));
}

// issue 11, section 3: imports made from native code are read out of the
// extension's binary; names of nothing leave no trace.
TEST_F(ModuleGraphTest, ExtensionsBringWhatTheirBinaryNames) {
  disk_.AddFile("/app/main.py", "import fxnat.core\n");
  disk_.AddFile("/app/fxnat/__init__.py", "");
  static const char kBinary[] = "\x7f" "ELF\0_helper\0fxnat.cimported\0_fxruntime\0fxnat.nothing\0"
                                "fxother\0word\0fxnat.__init__\0";
  disk_.AddFile("/app/fxnat/core.cpython-311-x86_64-linux-gnu.so", std::string(kBinary, sizeof(kBinary) - 1));
  disk_.AddFile("/app/fxnat/_helper.py", "");
  disk_.AddFile("/app/fxnat/cimported.py", "");
  disk_.AddFile("/app/_fxruntime.py", "");
  disk_.AddFile("/app/fxother.py", "");  // another distribution's, not required: not followed
  ASSERT_TRUE(Build()) << err_;
  EXPECT_EQ(KindOf("fxnat.core"), Module::Kind::kExtension);
  EXPECT_EQ(KindOf("fxnat._helper"), Module::Kind::kSource);  // `from . import _helper` in C
  EXPECT_EQ(KindOf("fxnat.cimported"), Module::Kind::kSource);
  EXPECT_EQ(KindOf("_fxruntime"), Module::Kind::kSource);     // cffi's _cffi_backend, say
  EXPECT_EQ(graph_->modules().count("fxnat.nothing"), 0u);
  EXPECT_EQ(graph_->modules().count("fxother"), 0u);
  EXPECT_EQ(Missing("fxnat.nothing"), nullptr);
}

// issue 11, section 3: modules named in strings of their own package, and
// computed imports with a constant prefix.
TEST_F(ModuleGraphTest, ModulesNamedInStringsAndComputedPrefixes) {
  disk_.AddFile("/app/main.py", "import fxreg\n");
  disk_.AddFile("/app/fxreg/__init__.py",
                "MAPPING = {'A': ('fxreg.lexers.alpha', 'Alpha'), 'B': ('fxreg.lexers.nothing', 'B')}\n"
                "_plugins = ['BetaPlugin']\n"
                "def load(n):\n    import importlib\n    return importlib.import_module('fxreg.plugins.' + n)\n"
                "def style(n):\n    return __import__('fxreg.styles.%s' % n)\n"
                "MESSAGE = 'see fxreg.testing'\n");
  disk_.AddFile("/app/fxreg/lexers/__init__.py", "");
  disk_.AddFile("/app/fxreg/lexers/alpha.py", "");
  disk_.AddFile("/app/fxreg/lexers/unnamed.py", "");
  disk_.AddFile("/app/fxreg/plugins/__init__.py", "");
  disk_.AddFile("/app/fxreg/plugins/BetaPlugin.py", "");
  disk_.AddFile("/app/fxreg/plugins/GammaPlugin.py", "");  // not named: not bundled
  disk_.AddFile("/app/fxreg/styles/__init__.py", "");
  disk_.AddFile("/app/fxreg/styles/default.py", "");        // nothing names any: the tree
  disk_.AddFile("/app/fxreg/styles/tests/__init__.py", "");
  disk_.AddFile("/app/fxreg/testing.py", "");
  ASSERT_TRUE(Build()) << err_;
  EXPECT_EQ(KindOf("fxreg.lexers.alpha"), Module::Kind::kSource);
  EXPECT_EQ(graph_->modules().count("fxreg.lexers.nothing"), 0u);
  EXPECT_EQ(graph_->modules().count("fxreg.lexers.unnamed"), 0u);
  EXPECT_EQ(KindOf("fxreg.plugins.BetaPlugin"), Module::Kind::kSource);
  EXPECT_EQ(graph_->modules().count("fxreg.plugins.GammaPlugin"), 0u);
  EXPECT_EQ(KindOf("fxreg.styles.default"), Module::Kind::kSource);
  EXPECT_EQ(graph_->modules().count("fxreg.styles.tests"), 0u);
  EXPECT_EQ(graph_->modules().count("fxreg.testing"), 0u);  // two levels: a message, not a registry
}

TEST(BinaryModuleNames, NulAndControlByteEndedNames) {
  static const char kBinary[] = "\0lxml._elementpath\0hello world\0a\0\x08" "argparse\x04json\0x..y\0"
                                "pkg.__init__\0" "65cd21382c5717f91ee0__mypyc\0";
  std::string bin(kBinary, sizeof(kBinary) - 1);
  EXPECT_EQ(ModuleNamesInBinary(bin),
            (std::vector<std::string>{"lxml._elementpath", "argparse", "json", "65cd21382c5717f91ee0__mypyc"}));
}

TEST_F(ModuleGraphTest, TestSuitesThatListTheirOwnDirectoryBringTheirTree) {
  // ctypes.test and unittest.test find their modules with os.listdir of
  // os.path.dirname(__file__), then import them by name.
  disk_.AddFile("/app/main.py", "import suitelib.tests, quietlib.tests, helperlib.testing\n");
  disk_.AddFile("/lib/suitelib/__init__.py", "");
  disk_.AddFile("/lib/suitelib/tests/__init__.py", "import os\nHERE = os.path.dirname(__file__)\n");
  disk_.AddFile("/lib/suitelib/tests/test_one.py", "import suitelib.extra\n");
  disk_.AddFile("/lib/suitelib/tests/deep/__init__.py", "");
  disk_.AddFile("/lib/suitelib/tests/deep/test_two.py", "");
  disk_.AddFile("/lib/suitelib/extra.py", "");
  disk_.AddFile("/lib/quietlib/__init__.py", "");
  disk_.AddFile("/lib/quietlib/tests/__init__.py", "");  // does not list itself
  disk_.AddFile("/lib/quietlib/tests/test_q.py", "");
  disk_.AddFile("/lib/helperlib/__init__.py", "");
  disk_.AddFile("/lib/helperlib/testing/__init__.py", "import os\nHERE = os.path.dirname(__file__)\n");
  disk_.AddFile("/lib/helperlib/testing/tools.py", "");
  ASSERT_TRUE(Build()) << err_;
  ASSERT_TRUE(graph_->AddSelfListingTestSuites(&err_)) << err_;
  EXPECT_EQ(KindOf("suitelib.tests.test_one"), Module::Kind::kSource);
  EXPECT_EQ(KindOf("suitelib.tests.deep.test_two"), Module::Kind::kSource);
  EXPECT_EQ(KindOf("suitelib.extra"), Module::Kind::kSource);  // what the tests import
  EXPECT_FALSE(graph_->modules().count("quietlib.tests.test_q"));
  EXPECT_FALSE(graph_->modules().count("helperlib.testing.tools"));  // a helper library, not a suite
}

}  // namespace
}  // namespace freezer

namespace freezer {
namespace {

// What start-up imports decides which bytecode is stored uncompressed
// (freezer/build_collect.cc): module bodies' imports, guarded ones too (a
// bundled module is found, so they run), and what those import in turn;
// not what only functions, fallbacks or strings name.
TEST_F(ModuleGraphTest, StartupImportsFollowModuleBodies) {
  disk_.AddFile("/app/main.py",
                "import fxtop\n"
                "try:\n    import fxguarded\nexcept ImportError:\n    import fxfallback\n"
                "def f():\n    import fxinfunc\n");
  disk_.AddFile("/app/fxtop.py", "import fxdeep.leaf\n");
  disk_.AddFile("/app/fxdeep/__init__.py", "");
  disk_.AddFile("/app/fxdeep/leaf.py", "");
  disk_.AddFile("/app/fxguarded.py", "import fxunderguard\n");
  disk_.AddFile("/app/fxunderguard.py", "");
  disk_.AddFile("/app/fxfallback.py", "");
  disk_.AddFile("/app/fxinfunc.py", "import fxbelowfunc\n");
  disk_.AddFile("/app/fxbelowfunc.py", "");
  ASSERT_TRUE(Build()) << err_;
  ASSERT_EQ(KindOf("fxinfunc"), Module::Kind::kSource);
  std::set<std::string> startup = StartupImports(*graph_);
  for (const char* name : {"__main__", "fxtop", "fxdeep", "fxdeep.leaf", "fxguarded", "fxunderguard"})
    EXPECT_TRUE(startup.count(name)) << name;
  for (const char* name : {"fxinfunc", "fxbelowfunc", "fxfallback"}) EXPECT_FALSE(startup.count(name)) << name;
}

TEST_F(ModuleGraphTest, ConstantsPassedToImportForwarders) {
  disk_.AddFile("/app/main.py",
                "import fwloader, fwother, side\n"
                "fwloader.load_plugin('fwplugin')\n"
                "fwloader.Registry().get('fwmethod')\n"
                "fwloader.label('fwnotforwarded')\n"
                "fwother.unseen('fwinvisible')\n"
                "load_plugin('fwabsent')\n");
  disk_.AddFile("/app/fwloader.py",
                "import importlib\n"
                "def load_plugin(name):\n    return importlib.import_module(name)\n"
                "class Registry:\n    def get(self, name):\n        return __import__(name)\n"
                "def label(name):\n    return name.upper()\n");
  // Defines a forwarder named `unseen`, but main's `unseen` is fwother's.
  disk_.AddFile("/app/fwthird.py", "import importlib\ndef unseen(n):\n    importlib.import_module(n)\n");
  disk_.AddFile("/app/fwother.py", "def unseen(n):\n    return n\n");
  for (const char* name : {"fwplugin", "fwmethod", "fwnotforwarded", "fwinvisible"})
    disk_.AddFile(std::string("/app/") + name + ".py", "");
  disk_.AddFile("/app/fwsecond.py", "");
  disk_.AddFile("/app/fwpkg/__init__.py", "import importlib\nimportlib.import_module('.fwsub', __name__)\n");
  disk_.AddFile("/app/fwpkg/fwsub.py", "");
  disk_.AddFile("/app/side.py", "import importlib, fwpkg, fwthird\nimportlib.import_module('fwsecond', None)\n");
  ASSERT_TRUE(Build()) << err_;
  EXPECT_EQ(KindOf("fwplugin"), Module::Kind::kSource);
  EXPECT_EQ(KindOf("fwmethod"), Module::Kind::kSource);
  EXPECT_EQ(KindOf("fwsecond"), Module::Kind::kSource);
  EXPECT_EQ(KindOf("fwpkg.fwsub"), Module::Kind::kSource);
  EXPECT_FALSE(graph_->modules().count("fwnotforwarded"));
  EXPECT_FALSE(graph_->modules().count("fwinvisible"));
  EXPECT_FALSE(graph_->modules().count("fwabsent"));  // a probe leaves no trace
}

TEST_F(ModuleGraphTest, ModulesRunWithDashMInPythonChildren) {
  disk_.AddFile("/app/main.py",
                "import subprocess, sys\n"
                "subprocess.run([sys.executable, '-m', 'dmtool'])\n"
                "subprocess.run([sys.executable, '-m', 'dmpkg'])\n"
                "ARGS = (sys.executable, '-I', '-m', 'dmtuple')\n"
                "subprocess.run([sys.executable, '-m', 'dmabsent'])\n");
  disk_.AddFile("/app/dmtool.py", "");
  disk_.AddFile("/app/dmpkg/__init__.py", "");
  disk_.AddFile("/app/dmpkg/__main__.py", "");
  disk_.AddFile("/app/dmtuple.py", "");
  ASSERT_TRUE(Build()) << err_;
  EXPECT_EQ(KindOf("dmtool"), Module::Kind::kSource);
  EXPECT_EQ(KindOf("dmpkg.__main__"), Module::Kind::kSource);
  EXPECT_EQ(KindOf("dmtuple"), Module::Kind::kSource);
  EXPECT_FALSE(graph_->modules().count("dmabsent"));  // a child's module that is absent is no error
}

TEST_F(ModuleGraphTest, DashMInALibraryStaysInItsPackageOrTheStdlib) {
  disk_.AddFile("/app/main.py", "import dmlib\n");
  disk_.AddFile("/lib/site-packages/dmlib/__init__.py",
                "import sys\nOWN = [sys.executable, '-m', 'dmlib.worker']\n"
                "OTHER = [sys.executable, '-m', 'dmforeign']\n");
  disk_.AddFile("/lib/site-packages/dmlib/worker.py", "");
  disk_.AddFile("/lib/site-packages/dmforeign.py", "");
  GraphOptions options;
  options.search_path = {"/app", "/lib/site-packages"};
  ASSERT_TRUE(Build(options)) << err_;
  EXPECT_EQ(KindOf("dmlib.worker"), Module::Kind::kSource);
  EXPECT_FALSE(graph_->modules().count("dmforeign"));  // venv's `-m pip`: not the library's
}

}  // namespace
}  // namespace freezer
