// The boot manifest survives Serialize -> Parse field for field, and the
// stub refuses every malformed manifest with a message (a damaged payload).
#include "archive/boot_manifest.h"

#include <gtest/gtest.h>

namespace payload {
namespace {

void ExpectSame(const BootManifest& a, const BootManifest& b) {
  EXPECT_EQ(a.entry_kind, b.entry_kind);
  EXPECT_EQ(a.script_name, b.script_name);
  EXPECT_EQ(a.entry_target, b.entry_target);
  EXPECT_EQ(a.sources, b.sources);
  EXPECT_EQ(a.unbuffered, b.unbuffered);
  EXPECT_EQ(a.child_modes, b.child_modes);
  EXPECT_EQ(a.python_children, b.python_children);
  EXPECT_EQ(a.trace_imports, b.trace_imports);
  EXPECT_EQ(a.files_root, b.files_root);
  EXPECT_EQ(a.optimize, b.optimize);
  EXPECT_EQ(a.xoptions, b.xoptions);
  EXPECT_EQ(a.warnings, b.warnings);
  EXPECT_EQ(a.allow_env, b.allow_env);
  EXPECT_EQ(a.extract_packages, b.extract_packages);
  EXPECT_EQ(a.on_disk, b.on_disk);
  EXPECT_EQ(a.environment, b.environment);
  EXPECT_EQ(a.load_libraries, b.load_libraries);
  EXPECT_EQ(a.executable_files, b.executable_files);
}

BootManifest RoundTrip(const BootManifest& m) {
  BootManifest back;
  std::string err;
  EXPECT_TRUE(ParseBootManifest(SerializeBootManifest(m), &back, &err)) << err;
  return back;
}

TEST(BootManifest, EveryFieldRoundTrips) {
  BootManifest m;
  m.entry_kind = BootManifest::EntryKind::kScript;
  m.script_name = "tool.py";
  m.entry_target = "ignored:but_kept";
  m.sources = true;
  m.unbuffered = true;
  m.child_modes = false;
  m.python_children = false;
  m.trace_imports = true;
  m.files_root = true;
  m.optimize = 2;
  m.xoptions = {"dev", "utf8=0", "frozen_modules=off"};
  m.warnings = {"error::DeprecationWarning", "ignore", "default:x=y:UserWarning"};
  m.allow_env = {"PYTHONHASHSEED", "PYTHONUTF8"};
  m.extract_packages = {"certifi", "a.b"};
  m.on_disk = {"zoneinfo/tzdata"};
  m.environment = {"PYTHONTZPATH={files}/zoneinfo/tzdata"};
  m.load_libraries = {".libs/libz.so.1", ".libs/libmagic.so.1"};
  m.executable_files = {"pkg/bin/tool", "pkg/run.sh"};
  ExpectSame(RoundTrip(m), m);
  EXPECT_TRUE(IsExecutableDataFile(m, "pkg/run.sh"));
  EXPECT_FALSE(IsExecutableDataFile(m, "pkg/run"));
}

TEST(BootManifest, DefaultsAndEachEntryKindRoundTrip) {
  BootManifest script;
  script.script_name = "s.py";
  ExpectSame(RoundTrip(script), script);

  BootManifest module;
  module.entry_kind = BootManifest::EntryKind::kModule;
  module.entry_target = "json.tool";
  module.optimize = 1;
  ExpectSame(RoundTrip(module), module);

  BootManifest function;
  function.entry_kind = BootManifest::EntryKind::kFunction;
  function.entry_target = "pkg.cli:main";
  ExpectSame(RoundTrip(function), function);
}

TEST(BootManifest, ChildModesOnUnlessTurnedOff) {
  BootManifest m;
  m.script_name = "a.py";
  EXPECT_TRUE(m.child_modes);
  // Not written when on: apps built without --no-child-modes keep their bytes.
  EXPECT_EQ(SerializeBootManifest(m).find("child_modes"), std::string::npos);
  m.child_modes = false;
  EXPECT_FALSE(RoundTrip(m).child_modes);
}

TEST(BootManifest, ParseStartsFromDefaults) {
  BootManifest m;
  m.sources = true;
  m.xoptions = {"dev"};
  std::string err;
  ASSERT_TRUE(ParseBootManifest("entry_kind=script\nscript_name=a.py\n", &m, &err)) << err;
  BootManifest expected;
  expected.script_name = "a.py";
  ExpectSame(m, expected);
}

TEST(BootManifest, MalformedIsRejected) {
  struct Case {
    const char* text;
    const char* error;
  } cases[] = {
      {"script_name=a.py", "line 1 is not terminated"},
      {"script_name=a.py\nsources\n", "line 2 has no '='"},
      {"script_name=a.py\ncolour=blue\n", "unknown key 'colour'"},
      {"entry_kind=binary\nentry_target=x\n", "unknown entry_kind 'binary'"},
      {"script_name=a.py\nsources=yes\n", "bad sources"},
      {"script_name=a.py\nunbuffered=2\n", "bad unbuffered"},
      {"script_name=a.py\nchild_modes=yes\n", "bad child_modes"},
      {"script_name=a.py\ntrace_imports=2\n", "bad trace_imports"},
      {"script_name=a.py\nfiles_root=yes\n", "bad files_root"},
      {"script_name=a.py\noptimize=3\n", "bad optimize"},
      {"script_name=a.py\noptimize=\n", "bad optimize"},
      {"", "script entry without script_name"},
      {"entry_kind=script\n", "script entry without script_name"},
      {"entry_kind=module\n", "entry without entry_target"},
      {"entry_kind=function\nscript_name=a.py\n", "entry without entry_target"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    BootManifest m;
    std::string err;
    EXPECT_FALSE(ParseBootManifest(c.text, &m, &err));
    EXPECT_NE(err.find("boot manifest: "), std::string::npos) << err;
    EXPECT_NE(err.find(c.error), std::string::npos) << err;
  }
}

}  // namespace
}  // namespace payload
