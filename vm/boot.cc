#include "vm/boot.h"

#include <Python.h>

#include <cstdio>
#include <string>

#include "vm/app.h"
#include "vm/child_key.h"
#include "vm/interpreter_config.h"
#include "vm/main_runner.h"
#include "vm/path_entry.h"
#include "vm/payload_importer.h"
#include "vm/python_child.h"
#include "vm/python_child_environment.h"
#include "vm/rule_settings.h"

namespace vm {

namespace {

int Fail(const std::string& program, const std::string& what) {
  fprintf(stderr, "%s: %s\n", program.c_str(), what.c_str());
  return 1;
}

}  // namespace

int BootApp(int argc, char** argv) {
  // Outlives the interpreter, which RunEntryAndFinalize finalises (or
  // SystemExit ends the process from inside CPython).
  App app;
  // First: nothing may copy the environment before the key is out of it.
  app.child_key = TakeChildKey(&app.trusted_python_env);
  app.trace.Start();
  if (argc > 0) app.program_name = argv[0];
  const std::string& program = app.program_name;
  std::string executable, err;
  if (!FindExecutable(&executable, &err)) return Fail(program, err);
  app.trace.Log("executable %s", executable.c_str());
  if (!app.Open(executable, &err)) return Fail(program, err);
  app.inherited_python_env = InheritedPythonEntries(app.trusted_python_env, app.boot.allow_env);
  // Before the interpreter reads the environment (os.environ).
  if (!ApplyRuleSettings(app, &err)) return Fail(program, err);

  // Only with the key: a start by anyone else does not even look at argv.
  app.python_child = IsPythonChild(app, argc, argv);
  // Its interpreter reads the environment, as python's does: only what the
  // parent app set for it is left there.
  if (app.python_child) RemoveUntrustedPythonVariables(app.trusted_python_env);
  if (!InitializeCore(app, argc, argv, &err)) {
    if (err.empty() && StartExitStatus() >= 0) return StartExitStatus();  // CPython said why
    return Fail(program, "cannot start Python: " + err);
  }
  if (!InstallPayloadImporter(&app, &err)) return Fail(program, err);
  if (app.python_child) PrimePathEntry(&app);
  if (!InitializeMain(app, &err)) return Fail(program, "cannot start Python: " + err);
  if (!InstallPathEntry(&app, &err)) return Fail(program, err);

  InstallSpawnWrappers(app);
  PrepareRuntime(app);
  // A python child is python, which has no sys.frozen.
  if (app.python_child) return RunPythonChild(app);
  // What python does not have and frozen code expects to see.
  PySys_SetObject("frozen", Py_True);
  return RunEntryAndFinalize(app);
}

}  // namespace vm
