// Whole builds on an in-memory disk: the passes from entry to written app,
// with nothing read or written on the real file system but the stub's ELF
// headers (the native pass reads them with libelf).
#include "freezer/build.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "archive/member_paths.h"
#include "archive/payload_reader.h"
#include "freezer/graph/python_runtime.h"
#include "freezer/memory_disk.h"
#include "freezer/package_sizes.h"

namespace freezer {
namespace {

// Records what the build says, for the assertions.
class RecordingStatus : public BuildStatus {
 public:
  void PassStarted(const std::string& name) override { passes.push_back(name); }
  void PassFinished(const std::string&, const std::string& summary) override {
    summaries.push_back(summary);
  }
  void Warning(const std::string& message) override { warnings.push_back(message); }
  bool Verbose() const override { return false; }
  void Detail(const std::string&) override {}
  void Finished(const BuildResult&) override { finished = true; }

  std::vector<std::string> passes, summaries, warnings;
  bool finished = false;
};

class BuildTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string err;
    ASSERT_TRUE(StartPython(&err)) << err;
    std::ifstream stub(FREEZER_STUB, std::ios::binary);
    std::stringstream bytes;
    bytes << stub.rdbuf();
    ASSERT_FALSE(bytes.str().empty()) << FREEZER_STUB;
    disk_.AddFile(FREEZER_STUB, bytes.str());
    disk_.AddFile(Dirname(FREEZER_STUB) + "/rules/README", "no shipped rules in these tests");
    // The start-up codecs, as empty modules of the interpreter's library.
    std::string lib = InterpreterSearchPath().at(0);
    disk_.AddFile(lib + "/encodings/__init__.py", "");
    for (const char* codec : {"aliases", "utf_8", "utf_8_sig", "ascii", "latin_1", "utf_16",
                              "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be",
                              "raw_unicode_escape", "unicode_escape", "charmap", "cp1252",
                              "iso8859_15", "cp437"})
      disk_.AddFile(lib + "/encodings/" + codec + ".py", "");
    options_.stub = FREEZER_STUB;
    options_.no_cache = true;
    options_.output = "/out/app";
  }

  bool Run() {
    err_.clear();
    return Build(options_, &disk_, &status_, &result_, &err_);
  }

  MemoryDisk disk_;
  BuildOptions options_;
  RecordingStatus status_;
  BuildResult result_;
  std::string err_;
};

TEST_F(BuildTest, WritesAnAppThatHoldsTheProgram) {
  disk_.AddFile("/app/main.py", "import helper\nhelper.greet()\n");
  disk_.AddFile("/app/helper.py", "def greet():\n    print('hi')\n");
  disk_.AddFile("/app/helper_data/ignored.txt", "not a package");
  options_.script = "/app/main.py";
  ASSERT_TRUE(Run()) << err_;
  EXPECT_TRUE(status_.finished);
  EXPECT_EQ(status_.passes, (std::vector<std::string>{"scan", "collect", "collect native", "write"}));
  EXPECT_EQ(result_.output, "/out/app");

  const std::string& app = disk_.files().at("/out/app");
  EXPECT_EQ(app.size(), result_.size);
  payload::PayloadReader reader;
  std::string err;
  std::span<const uint8_t> bytes(reinterpret_cast<const uint8_t*>(app.data()), app.size());
  ASSERT_EQ(reader.Open(bytes, &err), payload::PayloadReader::OpenResult::kOk) << err;
  EXPECT_GE(reader.FindModule("__main__"), 0);
  EXPECT_GE(reader.FindModule("helper"), 0);
  EXPECT_GE(reader.FindModule("encodings.utf_8"), 0);
  std::string manifest;
  EXPECT_EQ(reader.ReadText(payload::kBootManifestPath, &manifest, &err),
            payload::PayloadReader::TextResult::kOk);
  EXPECT_NE(manifest.find("main.py"), std::string::npos) << manifest;
  EXPECT_GE(reader.FindFile(payload::kGraphMemberPath), 0);
  EXPECT_GE(reader.FindFile(payload::kNativeManifestPath), 0);
}

TEST_F(BuildTest, MissingImportWarnsAndStrictFailsWithoutWriting) {
  disk_.AddFile("/app/main.py", "import not_there_anywhere\n");
  options_.script = "/app/main.py";
  ASSERT_TRUE(Run()) << err_;
  ASSERT_EQ(status_.warnings.size(), 2u);
  EXPECT_EQ(status_.warnings[0],
            "/app/main.py:1: module 'not_there_anywhere' not found (top-level import in '__main__')");
  EXPECT_EQ(status_.warnings[1],
            "1 module not found (1 imported at top level, 0 delayed); 1 of them by the program's own "
            "code: 'not_there_anywhere'");

  options_.strict = true;
  options_.output = "/out/strict";
  EXPECT_FALSE(Run());
  EXPECT_EQ(err_, "--strict: 1 import not found at top level (the first: /app/main.py:1: module "
                  "'not_there_anywhere', imported by '__main__')");
  EXPECT_EQ(disk_.files().count("/out/strict"), 0u);
}

// issue 11, warnings: a top-level import warns once per module, with a
// count; delayed ones share one line; guarded ones and other platforms'
// modules say nothing; the last line counts the program's own.
TEST_F(BuildTest, MissingModulesWarnByClassOnceEach) {
  const std::string site = "/venv/lib/python3.11/site-packages";
  disk_.AddFile("/app/main.py",
                "import sys, fxlib\n"
                "import fxgone\n"
                "def later():\n    import fxlater\n    import fxlater2\n"
                "try:\n    import fxguarded\nexcept ImportError:\n    pass\n"
                "if sys.version_info < (3,):\n    import fxpy2\n");
  disk_.AddFile(site + "/fxlib/__init__.py",
                "import fxgone\nfrom fxgone import x\nimport msvcrt\n"
                "def f():\n    import fxlater\n    import fxlibonly\n");
  options_.script = "/app/main.py";
  options_.venv = "/venv";
  ASSERT_TRUE(Run()) << err_;
  ASSERT_EQ(status_.warnings.size(), 3u) << status_.warnings[0];
  EXPECT_EQ(status_.warnings[0],
            "/app/main.py:2: module 'fxgone' not found (top-level import in '__main__'; 3 imports in 2 "
            "modules)");
  EXPECT_EQ(status_.warnings[1],
            "3 modules not found on delayed paths (imported inside functions, or by modules only those "
            "import: an ImportError when that code runs; -v says where): 'fxlater' (2 imports), "
            "'fxlater2', 'fxlibonly'");
  EXPECT_EQ(status_.warnings[2],
            "4 modules not found (1 imported at top level, 3 delayed); 3 of them by the program's own code: "
            "'fxgone', 'fxlater', 'fxlater2'; -v and --report list 1 more, imported under `except "
            "ImportError`");
  for (const auto& w : status_.warnings) {
    EXPECT_EQ(w.find("msvcrt"), std::string::npos) << w;
    EXPECT_EQ(w.find("fxpy2"), std::string::npos) << w;
  }
  EXPECT_NE(status_.summaries[0].find(", 4 modules not found;"), std::string::npos) << status_.summaries[0];
}

// issue 11, size: --exclude-module is the way out of an optional import;
// leaving out what a top-level import on the start-up path needs is an
// error naming that import, unless --force; nothing is written.
TEST_F(BuildTest, ExcludingWhatStartUpNeedsIsAnErrorUnlessForced) {
  disk_.AddFile("/app/main.py",
                "import fxneed, fxpkg.sub\n"
                "def f():\n    import fxlazy\n"
                "try:\n    import fxopt\nexcept ImportError:\n    pass\n");
  disk_.AddFile("/app/fxneed.py", "import sys\nimport fxdeep\n");
  disk_.AddFile("/app/fxdeep.py", "");
  disk_.AddFile("/app/fxlazy.py", "");
  disk_.AddFile("/app/fxopt.py", "import fxoptdep\n");
  disk_.AddFile("/app/fxoptdep.py", "");
  disk_.AddFile("/app/fxpkg/__init__.py", "");
  disk_.AddFile("/app/fxpkg/sub.py", "");
  options_.script = "/app/main.py";

  options_.excludes = {"fxdeep"};
  EXPECT_FALSE(Run());
  EXPECT_EQ(err_, "--exclude-module fxdeep: needed by fxneed (top-level import at /app/fxneed.py:2); "
                  "use --force to exclude it anyway");
  EXPECT_EQ(disk_.files().count("/out/app"), 0u);

  options_.excludes = {"fxpkg"};
  EXPECT_FALSE(Run());
  EXPECT_EQ(err_, "--exclude-module fxpkg: needed by __main__ (top-level import at /app/main.py:1); "
                  "use --force to exclude it anyway");
  EXPECT_EQ(disk_.files().count("/out/app"), 0u);

  // Optional: in a function, guarded, or only under a guarded import.
  options_.excludes = {"fxlazy", "fxopt", "fxoptdep"};
  ASSERT_TRUE(Run()) << err_;
  EXPECT_EQ(disk_.files().count("/out/app"), 1u);

  options_.excludes = {"fxdeep", "fxpkg.sub"};
  options_.force = true;
  options_.output = "/out/forced";
  ASSERT_TRUE(Run()) << err_;
  EXPECT_EQ(disk_.files().count("/out/forced"), 1u);
}

// issue 11, size: the summary's five largest packages, with the import
// that pulled each in and whether the program could do without it.
TEST_F(BuildTest, LargestPackagesNameTheImportThatPulledThemIn) {
  disk_.AddFile("/app/main.py",
                "import fxsmall\n"
                "def f():\n    import fxmid.core\n"
                "try:\n    import fxbig\nexcept ImportError:\n    pass\n");
  disk_.AddFile("/app/fxsmall.py", "X = 1\n");
  disk_.AddFile("/app/fxmid/__init__.py", "");
  disk_.AddFile("/app/fxmid/core.py", "DATA = '" + std::string(30000, 'm') + "'\n");
  disk_.AddFile("/app/fxbig/__init__.py", "from . import tables\n");
  disk_.AddFile("/app/fxbig/tables.py", "import fxbigdep\nDATA = '" + std::string(60000, 'b') + "'\n");
  disk_.AddFile("/app/fxbig/data/blob.bin", std::string(20000, 'd'));
  disk_.AddFile("/app/fxbigdep.py", "DATA = '" + std::string(40000, 'e') + "'\n");
  options_.script = "/app/main.py";
  ASSERT_TRUE(Run()) << err_;
  const std::vector<PackageSize>& top = result_.largest_packages;
  ASSERT_EQ(top.size(), 5u);
  EXPECT_EQ(top[0].name, "fxbig");
  EXPECT_GT(top[0].bytes, 80000u);  // its modules and its data
  EXPECT_EQ(top[0].importer, "__main__");
  EXPECT_EQ(top[0].imported, "fxbig");
  EXPECT_EQ(top[0].how, "guarded");
  EXPECT_EQ(top[1].name, "fxbigdep");  // a top-level import of a guarded package
  EXPECT_EQ(top[1].importer, "fxbig.tables");
  EXPECT_EQ(top[1].how, "guarded");
  EXPECT_EQ(top[1].optional_importer, "__main__");
  EXPECT_EQ(top[1].optional_imported, "fxbig");
  EXPECT_EQ(top[2].name, "fxmid");
  EXPECT_EQ(top[2].imported, "fxmid.core");
  EXPECT_EQ(top[2].how, "delayed");
  EXPECT_TRUE(top[2].optional_importer.empty());  // its own import is the optional one
  for (size_t i = 1; i < top.size(); ++i) EXPECT_GE(top[i - 1].bytes, top[i].bytes);
}

// A shared library counts for every package whose extensions need it.
TEST_F(BuildTest, LargestPackagesCountTheSharedLibrariesTheirExtensionsNeed) {
  const std::string so = ".cpython-311-x86_64-linux-gnu.so";
  disk_.AddFile("/app/main.py", "import fxa._x, fxb._y\n");
  disk_.AddFile("/app/fxa/__init__.py", "");
  disk_.AddFile("/app/fxa/_x" + so, "\x7f" "ELF");
  disk_.AddFile("/app/fxb/__init__.py", "");
  disk_.AddFile("/app/fxb/_y" + so, "\x7f" "ELF");
  PycCache cache(&disk_, PycCacheOptions{});
  GraphOptions g;
  g.search_path = {"/app"};
  ModuleGraph graph(&disk_, &cache, g);
  ASSERT_TRUE(graph.AddScript("/app/main.py", &err_)) << err_;
  std::vector<payload::PayloadEntry> entries(5);
  entries[0] = {"fxa", payload::EntryKind::kPackage, std::string(10, 'p')};
  entries[1] = {"fxa/_x" + so, payload::EntryKind::kExtension, std::string(100, 'x')};
  entries[2] = {"fxb/_y" + so, payload::EntryKind::kExtension, std::string(50, 'y')};
  entries[3] = {payload::SharedLibraryArchivePath("libfx.so.1"), payload::EntryKind::kSharedLib,
                std::string(1000, 'l')};
  entries[4] = {payload::SharedLibraryArchivePath("libonlya.so.2"), payload::EntryKind::kSharedLib,
                std::string(300, 'l')};
  NativeClosure native;
  native.needs["/app/fxa/_x" + so] = {"libonlya.so.2", "libfx.so.1"};
  native.needs["/app/fxb/_y" + so] = {"libfx.so.1"};
  std::vector<PackageSize> top = LargestPackages(graph, entries, native, 1);
  ASSERT_EQ(top.size(), 1u);
  EXPECT_EQ(top[0].name, "fxa");
  EXPECT_EQ(top[0].bytes, 10u + 100u + 1000u + 300u);
  top = LargestPackages(graph, entries, native, 5);
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[1].name, "fxb");
  EXPECT_EQ(top[1].bytes, 50u + 1000u);
  EXPECT_EQ(top[1].how, "required");
  EXPECT_EQ(top[1].importer, "__main__");
}

TEST_F(BuildTest, BadEntriesAreOneLineErrors) {
  options_.script = "/app/absent.py";
  EXPECT_FALSE(Run());
  EXPECT_EQ(err_, "cannot read '/app/absent.py': No such file or directory");
  options_.script.clear();
  options_.function = "pkg.cli";
  EXPECT_FALSE(Run());
  EXPECT_EQ(err_, "--entry 'pkg.cli': expected MODULE:FUNCTION");
  options_.function.clear();
  EXPECT_FALSE(Run());
  EXPECT_NE(err_.find("give exactly one entry"), std::string::npos);
  EXPECT_TRUE(disk_.files().count("/out/app") == 0);
}

TEST_F(BuildTest, CheckReproducibleBuildsTwiceAndRemovesTheSecond) {
  disk_.AddFile("/app/main.py", "print('same')\n");
  options_.script = "/app/main.py";
  options_.check_reproducible = true;
  ASSERT_TRUE(Run()) << err_;
  for (const auto& [path, bytes] : disk_.files())
    EXPECT_EQ(path.find("reproducible-check"), std::string::npos) << path;
}

// issue 11, section 3: a package whose code reads __file__ and that carries
// data goes to disk at run time; one that does either alone does not.
TEST_F(BuildTest, DataNextToFileIsExtractedAutomatically) {
  disk_.AddFile("/app/main.py", "import fxgrammar, fxplain, fxnodata\n");
  disk_.AddFile("/app/fxgrammar/__init__.py",
                "import os\nGRAMMAR = os.path.join(os.path.dirname(__file__), 'Grammar.txt')\n");
  disk_.AddFile("/app/fxgrammar/Grammar.txt", "file_input: stmt*\n");
  disk_.AddFile("/app/fxplain/__init__.py", "X = 1\n");
  disk_.AddFile("/app/fxplain/data.txt", "read with importlib.resources\n");
  disk_.AddFile("/app/fxnodata/__init__.py", "HERE = __file__\n");
  disk_.AddFile("/app/fxgrammar/tests/__init__.py", "import fxgrammar.tests.test_parse\n");
  disk_.AddFile("/app/fxgrammar/tests/test_parse.py", "X = 1\n");
  options_.script = "/app/main.py";
  disk_.AddFile("/app/main.py", "import fxgrammar, fxplain, fxnodata, fxgrammar.tests\n");
  ASSERT_TRUE(Run()) << err_;
  EXPECT_EQ(result_.auto_extracted, std::vector<std::string>{"fxgrammar"});
  const std::string& app = disk_.files().at("/out/app");
  payload::PayloadReader reader;
  std::string err, manifest;
  std::span<const uint8_t> bytes(reinterpret_cast<const uint8_t*>(app.data()), app.size());
  ASSERT_EQ(reader.Open(bytes, &err), payload::PayloadReader::OpenResult::kOk) << err;
  ASSERT_EQ(reader.ReadText(payload::kBootManifestPath, &manifest, &err),
            payload::PayloadReader::TextResult::kOk);
  EXPECT_NE(manifest.find("extract_package=fxgrammar\n"), std::string::npos) << manifest;
  EXPECT_EQ(manifest.find("fxplain"), std::string::npos) << manifest;
  // Its test suite is extracted as python sees the directory, sources
  // included (unittest's discover lists the *.py files beside __file__);
  // the rest of the package only with its data.
  for (const char* path : {"fxgrammar/tests/__init__.py", "fxgrammar/tests/test_parse.py"}) {
    long source = reader.FindFile(path);
    ASSERT_GE(source, 0) << path;
    EXPECT_EQ(reader.entry(static_cast<size_t>(source)).kind, payload::EntryKind::kSource);
  }
  EXPECT_LT(reader.FindFile("fxgrammar/__init__.py"), 0);
  EXPECT_LT(reader.FindFile("fxplain/__init__.py"), 0);  // not extracted: bytecode only
  EXPECT_LT(reader.FindFile("main.py"), 0);
}

}  // namespace
}  // namespace freezer

namespace freezer {
namespace {

class RuleBuildTest : public BuildTest {
 protected:
  void SetUp() override {
    BuildTest::SetUp();
    disk_.AddFile("/app/main.py", "import fxlib\n");
    disk_.AddFile("/lib/fxlib/__init__.py",
                  "import os\nDATA = '/sys/share/fx'\ntry:\n    import fxbig\nexcept ImportError:\n    pass\n");
    disk_.AddFile("/lib/fxlib/plugins/__init__.py", "");
    disk_.AddFile("/lib/fxlib/plugins/a.py", "");
    disk_.AddFile("/lib/fxbig.py", "");
    disk_.AddFile("/sys/share/fx/d.txt", "data");
    disk_.AddFile("/sys/share/fx/skipped.bak", "no");
    options_.script = "/app/main.py";
    options_.paths = {"/lib"};
    PackageRule r;
    r.name = r.package = "fxlib";
    r.origin = "test:fxlib";
    r.hidden_imports = {"fxlib.plugins.*"};
    r.exclude_imports = {"fxbig"};
    r.data.push_back({"/sys/share/fx", "", {"*.bak"}, true});
    r.environment.emplace_back("FX_DATA", "{files}/fxlib/fx");
    r.edits.push_back({"fxlib", "'/sys/share/fx'", "os.environ['FX_DATA']"});
    PackageRule unused;
    unused.name = unused.package = "fxnotbundled";
    unused.origin = "test:unused";
    unused.hidden_imports = {"fxbig"};
    options_.project_rules = {r, unused};
  }

  payload::PayloadReader& Open() {
    const std::string& app = disk_.files().at("/out/app");
    std::string err;
    std::span<const uint8_t> bytes(reinterpret_cast<const uint8_t*>(app.data()), app.size());
    EXPECT_EQ(reader_.Open(bytes, &err), payload::PayloadReader::OpenResult::kOk) << err;
    return reader_;
  }

  payload::PayloadReader reader_;
};

TEST_F(RuleBuildTest, ARuleOfABundledPackageApplies) {
  ASSERT_TRUE(Run()) << err_;
  EXPECT_EQ(result_.rules_applied, (std::vector<std::string>{"fxlib"}));
  payload::PayloadReader& reader = Open();
  EXPECT_GE(reader.FindModule("fxlib.plugins.a"), 0);  // hidden import NAME.*
  EXPECT_LT(reader.FindModule("fxbig"), 0);            // exclude-imports
  EXPECT_GE(reader.FindFile("fxlib/fx/d.txt"), 0);     // data, default dest <package>/<basename>
  EXPECT_LT(reader.FindFile("fxlib/fx/skipped.bak"), 0);
  std::string manifest, err;
  ASSERT_EQ(reader.ReadText(payload::kBootManifestPath, &manifest, &err), payload::PayloadReader::TextResult::kOk);
  EXPECT_NE(manifest.find("on_disk=fxlib/fx\n"), std::string::npos) << manifest;
  EXPECT_NE(manifest.find("environment=FX_DATA={files}/fxlib/fx\n"), std::string::npos) << manifest;
}

// --report: why each module is there, and what each applied rule did.
TEST_F(RuleBuildTest, TheBuildReportAttributesModulesAndSettingsToTheRule) {
  options_.report = "/out/report.json";
  ASSERT_TRUE(Run()) << err_;
  const std::string& json = disk_.files().at("/out/report.json");
  EXPECT_NE(json.find("\"name\":\"fxlib.plugins.a\",\"kind\":\"module\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"why\":\"package rule fxlib (test:fxlib)\""), std::string::npos);
  EXPECT_NE(json.find("\"rules\":[{\"name\":\"fxlib\",\"origin\":\"test:fxlib\","
                      "\"environment\":[\"FX_DATA={files}/fxlib/fx\"],\"data\":[\"fxlib/fx\"]"),
            std::string::npos) << json;
}

// `version` is checked against the installed distribution's Version header.
// fxlib's bytecode never reads __file__ (as mypyc-compiled mypy's cannot be
// seen to): only the rule's package-data-on-disk puts its data on disk.
TEST_F(RuleBuildTest, PackageDataOnDiskPutsThePackagesDataOnDisk) {
  ASSERT_TRUE(Run()) << err_;
  EXPECT_TRUE(result_.auto_extracted.empty());
  options_.project_rules[0].package_data_on_disk = true;
  ASSERT_TRUE(Run()) << err_;
  EXPECT_EQ(result_.auto_extracted, std::vector<std::string>{"fxlib"});
  std::string manifest, err;
  ASSERT_EQ(Open().ReadText(payload::kBootManifestPath, &manifest, &err), payload::PayloadReader::TextResult::kOk);
  EXPECT_NE(manifest.find("extract_package=fxlib\n"), std::string::npos) << manifest;
}

TEST_F(RuleBuildTest, AVersionRangeOutsideTheInstalledVersionLeavesTheRuleOut) {
  disk_.AddFile("/lib/fxlib-2.5.1.dist-info/METADATA", "Metadata-Version: 2.1\nName: fxlib\nVersion: 2.5.1\n\n");
  options_.project_rules.resize(1);
  options_.project_rules[0].version = ">=3";
  ASSERT_TRUE(Run()) << err_;
  EXPECT_TRUE(result_.rules_applied.empty());
  EXPECT_EQ(result_.rules_not_applied, (std::vector<std::string>{"fxlib: fxlib 2.5.1 is not >=3"}));
  EXPECT_LT(Open().FindModule("fxlib.plugins.a"), 0);

  options_.project_rules[0].version = ">=2, <3";
  ASSERT_TRUE(Run()) << err_;
  EXPECT_EQ(result_.rules_applied, (std::vector<std::string>{"fxlib"}));
}

TEST_F(RuleBuildTest, WithoutTheRuleNothingOfIt) {
  options_.project_rules.resize(1);
  options_.without_rules = {"fxlib"};
  ASSERT_TRUE(Run()) << err_;
  EXPECT_TRUE(result_.rules_applied.empty());
  payload::PayloadReader& reader = Open();
  EXPECT_LT(reader.FindModule("fxlib.plugins.a"), 0);
  EXPECT_GE(reader.FindModule("fxbig"), 0);
  EXPECT_LT(reader.FindFile("fxlib/fx/d.txt"), 0);
}

TEST_F(RuleBuildTest, AReplacementThatNoLongerMatchesFailsTheBuild) {
  options_.project_rules[0].edits[0].old_text = "'/elsewhere'";
  EXPECT_FALSE(Run());
  EXPECT_NE(err_.find("test:fxlib: [[replace]] in module fxlib: text not found"), std::string::npos) << err_;
  EXPECT_EQ(disk_.files().count("/out/app"), 0u);
}

TEST_F(RuleBuildTest, AMistakeInARuleIsAnErrorNamingIt) {
  options_.project_rules[0].hidden_imports = {"fxlib.nothere"};
  EXPECT_FALSE(Run());
  EXPECT_NE(err_.find("test:fxlib: hidden import 'fxlib.nothere'"), std::string::npos) << err_;
  options_.project_rules[0].hidden_imports.clear();
  options_.project_rules[0].data[0].source = "/sys/share/none";
  EXPECT_FALSE(Run());
  EXPECT_NE(err_.find("test:fxlib: data source '/sys/share/none'"), std::string::npos) << err_;
  options_.without_rules = {"nosuchrule"};
  EXPECT_FALSE(Run());
  EXPECT_NE(err_.find("--without-rule nosuchrule: no such package rule"), std::string::npos) << err_;
}

}  // namespace
}  // namespace freezer
