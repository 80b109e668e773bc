"""The table of end-to-end cases. Each case is one ctest test (e2e.<name>).

Kinds:
  compare        freeze a script, run it inside the glibc-only root, run
                 python3.11 on the source with the same args/stdin/env, and
                 compare stdout, stderr and status (or signal).
  frozen_expect  frozen-only facts that differ from python by design: run
                 the frozen app in the root, compare with a literal.
  check          anything else (strace, unzip, freezer list, bad input);
                 implemented in checks.py.
"""
from __future__ import annotations

import dataclasses
import os
import shutil
from pathlib import Path
from typing import Callable

import harness as H


@dataclasses.dataclass
class Context:
    freezer: Path
    stub: Path
    work: Path  # this case's private scratch directory (emptied first)


@dataclasses.dataclass
class Case:
    name: str
    run: Callable[[Context], list]  # returns a list of problems (empty: pass)
    doc: str = ""


CASES: dict[str, Case] = {}


def add(case: Case) -> None:
    assert case.name not in CASES, case.name
    CASES[case.name] = case


# ---------------------------------------------------------------------------
# Shared steps


def stage_source(ctx: Context, source: Path) -> Path:
    """Copies a sample directory (or one program) to ctx.work/src so python
    writes no __pycache__ into the repository; returns the copied script."""
    src = ctx.work / "src"
    if source.is_dir():
        shutil.copytree(source, src, ignore=shutil.ignore_patterns("__pycache__"))
        script = src / f"{source.name}.py"  # convention: samples/<name>/<name>.py
    else:
        src.mkdir()
        script = src / source.name
        shutil.copy2(source, script)
    if not script.is_file():
        raise H.HarnessError(f"entry script {script} does not exist")
    return script


def frozen_in_root(ctx: Context, script: Path, options, args, stdin, env, root_files):
    app = ctx.work / "app"
    H.freeze(ctx.freezer, script, app, options)
    root = H.make_root(ctx.work / "root")
    H.check_root(root)
    H.install_app(root, app)
    H.add_root_files(root, root_files)
    return H.run_frozen_in_root(root, args, stdin=stdin, env=env)


# Both sides normalise only paths: the script's directory and the app's
# path -> <DIR>; the working directory -> <CWD>; python's stdlib directory
# (in tracebacks) -> <DIR>, since a frozen app's stdlib modules live in it.
FROZEN_NORM = [(H.path_pattern(H.ROOT_APP), "<DIR>"), (H.path_pattern(H.ROOT_WORKDIR), "<CWD>")]


def python_norm(src_dir: Path, cwd: Path):
    return [(H.path_pattern(str(src_dir)), "<DIR>"), (H.path_pattern(str(cwd)), "<CWD>"),
            (H.path_pattern("/usr/lib/python3.11"), "<DIR>")]


def compare_case(name, source: Path, *, args=(), stdin=b"", options=(), env=None, doc=""):
    def run(ctx: Context) -> list:
        script = stage_source(ctx, source)
        frozen = frozen_in_root(ctx, script, options, args, stdin, env, None)
        cwd = ctx.work / "pycwd"
        cwd.mkdir()
        ref = H.run_python(script, args, cwd=cwd, stdin=stdin, env=env)
        problems = H.compare(ref, frozen, exp_norm=python_norm(script.parent, cwd),
                             act_norm=FROZEN_NORM)
        if problems:
            problems.append("python3.11 run:\n" + ref.describe())
            problems.append("frozen run (in the glibc-only root):\n" + frozen.describe())
        return problems
    add(Case(name, run, doc or f"compare frozen {source.name} with python3.11"))


def frozen_expect_case(name, source: Path, *, stdout: str, stderr: str = "", status: int = 0,
                       args=(), stdin=b"", options=(), env=None, root_files=None, doc=""):
    def run(ctx: Context) -> list:
        script = stage_source(ctx, source)
        frozen = frozen_in_root(ctx, script, options, args, stdin, env, root_files)
        return expect_frozen(frozen, stdout=stdout, stderr=stderr, status=status)
    add(Case(name, run, doc or f"frozen-only expectations of {source.name}"))


def expect_frozen(frozen, *, stdout: str, stderr: str, status: int) -> list:
    """A frozen run against fixed expectations: status, normalised streams."""
    problems = []
    if frozen.returncode != status or frozen.timed_out:
        problems.append(f"status: expected exit status {status}, got {frozen.status_text()}")
    problems += H.expect_equal_text(stdout, H.normalise(frozen.stdout, FROZEN_NORM), "stdout")
    problems += H.expect_equal_text(stderr, H.normalise(frozen.stderr, FROZEN_NORM), "stderr")
    if problems:
        problems.append("frozen run (in the glibc-only root):\n" + frozen.describe())
    return problems


# ---------------------------------------------------------------------------
# Samples

compare_case("sample.hello", H.SAMPLES / "hello", args=["freezer", "users", "naïve café"])
compare_case("sample.hello.noargs", H.SAMPLES / "hello")
compare_case("sample.multimodule", H.SAMPLES / "multimodule")
compare_case("sample.stdlib_tour", H.SAMPLES / "stdlib_tour",
             args=["--count", "3", "--name", "tour", "-v", "alpha", "beta gamma"])
compare_case("sample.native_tour", H.SAMPLES / "native_tour")
compare_case("sample.yaml_numpy", H.SAMPLES / "yaml_numpy")
compare_case("sample.resources", H.SAMPLES / "resources")
compare_case("program.file_data_extracted", H.PROGRAMS / "file_data",
             options=["--extract-package", "filedata"],
             doc="data opened next to __file__ works with --extract-package")
compare_case("program.frozen_off_imports", H.PROGRAMS / "frozen_off_imports.py",
             doc="with frozen modules turned off, os/stat/importlib._bootstrap import unfrozen "
                 "from the payload")
compare_case("program.gc_thresholds", H.PROGRAMS / "gc_thresholds",
             doc="the collector's thresholds outside imports, set during an import, or 0 "
                 "are the program's own (the import-time raise leaves no trace)")
compare_case("program.init_as_module", H.PROGRAMS / "init_as_module",
             options=["--hidden-import", "initpkg"],
             doc="import_module('pkg.__init__') loads pkg/__init__.py as a plain module, as python does")
compare_case("program.package_tests_discovered", H.PROGRAMS / "package_tests",
             options=["--include-package", "tests"],  # test_beta is imported by no code
             doc="a test package that lists its own directory (unittest discover) runs its "
                 "tests: an extracted test suite carries its sources")

# ---------------------------------------------------------------------------
# Fidelity corpus: one program per behaviour, compared with python3.11

P = H.PROGRAMS
SRC = ["--include-source"]
compare_case("program.exit_code", P / "exit_code.py")
compare_case("program.exit_builtin", P / "exit_builtin.py")
compare_case("program.exit_message", P / "exit_message.py")
compare_case("program.exit_none", P / "exit_none.py")
compare_case("program.exit_object", P / "exit_object.py")
compare_case("program.os_exit", P / "os_exit.py")
compare_case("program.uncaught_exception", P / "uncaught_exception.py", options=SRC)
compare_case("program.traceback_stdlib", P / "traceback_stdlib.py", options=SRC)
compare_case("program.keyboard_interrupt", P / "keyboard_interrupt.py", options=SRC)
compare_case("program.atexit_handlers", P / "atexit_handlers.py", options=SRC)
compare_case("program.stdin_pipe", P / "stdin_pipe.py",
             stdin="first line here\nsecond: ünïcödé\n\nlast line without newline".encode())
compare_case("program.unicode_output", P / "unicode_output.py",
             args=["plain", "naïve", "日本", os.fsdecode(b"raw\xffbyte")])
compare_case("program.dunder_name", P / "dunder_name.py")
compare_case("program.argv", P / "argv.py",
             args=["a", "b c", "", "-c", "print(1)", "--", "-m", "x", "  spaced  ", "*"])
compare_case("program.signals", P / "signals.py")
compare_case("program.warning", P / "warning.py", options=SRC)
compare_case("program.inspect_source", P / "inspect_source.py", options=SRC)
compare_case("program.threads", P / "threads.py")
compare_case("program.thread_exception", P / "thread_exception.py", options=SRC)
compare_case("program.big_output", P / "big_output.py")

# ---------------------------------------------------------------------------
# Frozen-only facts (differ from python by design)

HIJACK_JSON = 'print("HIJACKED")\nHIJACKED = True\n'
FACTS_STDOUT = """frozen: True
executable is absolute: True
executable is the app: True
__file__ is <app>/frozen_facts.py: True
no_site: 1 site imported: False
json hijacked: False
json from the app: True json/__init__.py
cwd on sys.path: False
sys.path directories on disk: []
json.dumps works: {"ok": true}
"""
frozen_expect_case(
    "frozen.facts", P / "frozen_facts.py", args=[H.ROOT_APP],
    env={"PYTHONPATH": "/work/hijack", "PYTHONHOME": "/work/hijack",
         "PYTHONSTARTUP": "/work/hijack/json.py", "PYTHONUSERBASE": "/work/hijack"},
    root_files={"/work/hijack/json.py": HIJACK_JSON, "/work/json.py": HIJACK_JSON,
                "/work/hijack/sitecustomize.py": 'print("HIJACKED sitecustomize")\n',
                "/work/hijack/lib/python3.11/json/__init__.py": HIJACK_JSON,
                "/work/hijack/lib/python3.11/os.py": 'print("HIJACKED os")\n'},
    stdout=FACTS_STDOUT,
    doc="sys.frozen, sys.executable, __file__, no site; PYTHONPATH/PYTHONHOME/cwd "
        "hijack attempts ignored")
frozen_expect_case(
    "frozen.path_config_isolation", P / "frozen_facts.py", args=[H.ROOT_APP],
    root_files={"/work/hijack/json.py": HIJACK_JSON,
                "/work/hijack/sitecustomize.py": 'print("HIJACKED sitecustomize")\n',
                # path configuration files python's getpath looks for beside
                # the executable: none may put a disk directory on sys.path
                # or turn site on.
                "/work/app._pth": "/work/hijack\nimport site\n",
                "/work/pyvenv.cfg": "home = /work/hijack\ninclude-system-site-packages = true\n",
                "/work/pybuilddir.txt": "hijack\n"},
    stdout=FACTS_STDOUT,
    doc="app._pth / pyvenv.cfg / pybuilddir.txt beside the app are ignored")
frozen_expect_case(
    "frozen.env_isolation", P / "env_isolation.py",
    env={"PYTHONVERBOSE": "1", "PYTHONINSPECT": "1", "PYTHONWARNINGS": "error",
         "PYTHONOPTIMIZE": "2", "PYTHONDEBUG": "1",
         "PYTHONMALLOC": "debug", "PYTHONDEVMODE": "1", "PYTHONPROFILEIMPORTTIME": "1"},
    stdout="""warnoptions: []
verbose: 0 inspect: 0 optimize: 0 debug: 0 dev_mode: False
assert runs: asserts are on
done
""",
    doc="PYTHON* variables do not change a frozen app")

import fidelity  # noqa: E402  (registers the process-fidelity cases, issue 5)
fidelity.register(add, Case)

import checks  # noqa: E402  (registers the check cases)
checks.register(add, Case)

import cache_checks  # noqa: E402  (registers the bytecode cache cases)
cache_checks.register(add, Case)

import native_checks  # noqa: E402  (registers the native-code fallback cases)
native_checks.register(add, Case)

import native_share_checks  # noqa: E402  (registers the shared native cache and zstd cases)
native_share_checks.register(add, Case)

import memory_checks  # noqa: E402  (registers the payload page release case)
memory_checks.register(add, Case)

import bytecode_storage_checks  # noqa: E402  (registers the bytecode storage case)
bytecode_storage_checks.register(add, Case)

import report_checks  # noqa: E402  (registers the HTML report case)
report_checks.register(add, Case)

import project_checks  # noqa: E402  (registers the pyproject.toml case)
project_checks.register(add, Case)

import repro_checks  # noqa: E402  (registers the reproducibility cases)
repro_checks.register(add, Case)

import integrity_checks  # noqa: E402  (registers issue 8's run-time cases)
integrity_checks.register(add, Case)

import discovery_checks  # noqa: E402  (registers issue 11's defect cases)
discovery_checks.register(add, Case)

import warnings_checks  # noqa: E402  (registers issue 11's warning and size cases)
warnings_checks.register(add, Case)

import rules_checks  # noqa: E402  (registers issue 12's user-rule case)
rules_checks.register(add, Case)

import private_cache_checks  # noqa: E402  (registers issue 11's private cache cases)
private_cache_checks.register(add, Case)

import sys_path_checks  # noqa: E402  (registers issue 11's sys.path cases)
sys_path_checks.register(add, Case)

import parent_path_checks  # noqa: E402  (registers issue 11's alias package case)
parent_path_checks.register(add, Case)

import pkg_resources_checks  # noqa: E402  (registers issue 11's pkg_resources case)
pkg_resources_checks.register(add, Case)

import attack_child_modes_checks  # noqa: E402  (registers issue 13's child-mode attacks)
attack_child_modes_checks.register(add, Case)

import python_children_checks  # noqa: E402  (registers issue 14's --no-python-children case)
python_children_checks.register(add, Case)

import frozen_modules_checks  # noqa: E402  (registers issue 14's frozen_modules=off case)
frozen_modules_checks.register(add, Case)

import finding_itself_checks  # noqa: E402  (registers issue 13's argv[0] / AT_SECURE cases)
finding_itself_checks.register(add, Case)

import attack_private_cache_checks  # noqa: E402  (registers issue 13's private cache cases)
attack_private_cache_checks.register(add, Case)

import attack_integrity_checks  # noqa: E402  (registers issue 13's integrity and build-input attacks)
attack_integrity_checks.register(add, Case)

import mutation_checks  # noqa: E402  (registers issue 13's mutation test)
mutation_checks.register(add, Case)

import first_freeze_checks  # noqa: E402  (registers issue 17's first-freeze cases)
first_freeze_checks.register(add, Case)
first_freeze_checks.register_venvs(add, Case)

import install_checks  # noqa: E402  (registers issue 17's Debian package case)
install_checks.register(add, Case)

import old_glibc_checks  # noqa: E402  (registers issue 15's glibc 2.31 cases)
old_glibc_checks.register(add, Case)
import cpython_checks  # noqa: E402  (registers issue 14's defect cases)
cpython_checks.register(add, Case)
