"""Issue 11, warnings and size: what `freezer build` prints about modules it
cannot find (one line per module a top-level import needs, one line for the
delayed ones, nothing for guarded imports, Python 2 branches and other
platforms' modules, a last line counting the program's own), the summary's
largest packages with the import that pulled each in, and --exclude-module
of something start-up needs (an error unless --force)."""
from __future__ import annotations

import json
import re

import harness as H

MAIN = """import sys
import fxlib
import fx_top_missing
from helper import run
def later():
    import fx_delayed_missing
try:
    import fx_guarded_missing
except ImportError:
    fx_guarded_missing = None
if sys.version_info < (3,):
    import fx_py2_missing
try:
    import fxbig
except ImportError:
    fxbig = None
print("ran", run(), fxbig is not None)
"""
HELPER = "import fx_top_missing\ndef run():\n    return 3\n"
LIB = ("import sys\nimport msvcrt\nimport fx_lib_missing\n"
       "if not sys.version_info >= (3,):\n    import urllib2\n"
       "def f():\n    import fx_lib_delayed\n")
# Larger than what every app carries (the text encodings, about 0.6 MB unpacked).
BIG = "DATA = '" + "x" * 1000000 + "'\n"
# A program that runs: for the size summary and --exclude-module.
RUNS = """from helper import run
try:
    import fxbig
except ImportError:
    fxbig = None
print("ran", run(), fxbig is not None)
"""


def _stage(ctx, main=MAIN, helper=HELPER):
    src = ctx.work / "src"
    site = ctx.work / "venv" / "lib" / "python3.11" / "site-packages"
    for path, text in {src / "main.py": main, src / "helper.py": helper, site / "fxlib" / "__init__.py": LIB,
                       src / "fxbig" / "__init__.py": BIG}.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return src


def _build(ctx, src, *flags):
    return H.run([str(ctx.freezer), "build", "main.py", "--venv", str(ctx.work / "venv"), *flags],
                 cwd=src, env={"PATH": "/usr/bin:/bin", "HOME": str(ctx.work), "NO_COLOR": "1"})


def missing_warnings(ctx):
    src = _stage(ctx)
    res = _build(ctx, src, "-o", str(ctx.work / "app"), "--report", str(ctx.work / "report.json"))
    if res.returncode != 0:
        return ["freezer build failed\n" + res.describe()]
    lib = f"{ctx.work}/venv/lib/python3.11/site-packages/fxlib/__init__.py"
    expected = [
        "freezer: warning: main.py:3: module 'fx_top_missing' not found (top-level import in '__main__'; "
        "2 imports in 2 modules)",
        f"freezer: warning: {lib}:3: module 'fx_lib_missing' not found (top-level import in 'fxlib')",
        "freezer: warning: 2 modules not found on delayed paths (imported inside functions, or by modules "
        "only those import: an ImportError when that code runs; -v says where): 'fx_delayed_missing', "
        "'fx_lib_delayed'",
        "freezer: warning: 4 modules not found (2 imported at top level, 2 delayed); 2 of them by the "
        "program's own code: 'fx_top_missing', 'fx_delayed_missing'; -v and --report list 1 more, "
        "imported under `except ImportError`",
    ]
    # Then the one line every build ends with, off a terminal too.
    *warned, wrote = res.stderr.decode().splitlines() or [""]
    problems = H.expect_equal_text("\n".join(expected) + "\n", "\n".join(warned) + "\n", "stderr")
    if not re.fullmatch(r"freezer: wrote \S+/app \([0-9.]+ [kMG]?B\) in [0-9.]+ s", wrote):
        problems.append(f"the last line is not `freezer: wrote .../app (SIZE) in TIME`: {wrote!r}")
    report = json.loads((ctx.work / "report.json").read_text())
    classes = {m["name"]: m["class"] for m in report["missing"]}
    want = {"fx_top_missing": "top-level", "fx_lib_missing": "top-level", "fx_delayed_missing": "delayed",
            "fx_lib_delayed": "delayed", "fx_guarded_missing": "guarded", "msvcrt": "other-platform",
            # encodings' function defined under `if sys.platform == 'win32'`
            # (nested code is not under its definer's test)
            "_winapi": "other-platform"}
    if classes != want:
        problems.append(f"--report's missing classes: {classes}, expected {want}")
    verbose = _build(ctx, src, "-o", str(ctx.work / "app-v"), "-v")
    err = verbose.stderr.decode()
    for line in ["freezer: guarded import of 'fx_guarded_missing' not found (main.py:8, in '__main__')",
                 "freezer: 1 module imported under `except ImportError` not found: 'fx_guarded_missing'",
                 "freezer: 2 modules of other platforms or of Python 2 not found, imported by code that "
                 "does not run here: '_winapi', 'msvcrt'"]:
        if line not in err.splitlines():
            problems.append(f"-v does not print: {line}\n" + verbose.describe())
    if "fx_py2_missing" in err or "urllib2" in err:
        problems.append("a Python 2 branch was followed:\n" + verbose.describe())
    return problems


def size_and_exclude(ctx):
    src = _stage(ctx, main=RUNS, helper="def run():\n    return 3\n")
    problems = []
    res = _build(ctx, src, "-o", str(ctx.work / "app"), "-v")
    if res.returncode != 0:
        return ["freezer build -v failed\n" + res.describe()]
    lines = res.stderr.decode().splitlines()
    head = "  largest packages (with their extensions, data and the shared libraries they need):"
    if head not in lines:
        return ["the summary names no largest packages\n" + res.describe()]
    top = lines[lines.index(head) + 1:lines.index(head) + 6]
    first = top[0].split()
    if first[0] != "fxbig" or not top[0].endswith(
            "__main__ -> fxbig (optional, guarded: --exclude-module fxbig)"):
        problems.append("the largest package is not fxbig, pulled in by a guarded import:\n" + "\n".join(top))

    # Optional: left out, and the program runs without it.
    app = ctx.work / "app-small"
    res = _build(ctx, src, "-o", str(app), "-q", "--exclude-module", "fxbig")
    run = H.run([str(app)], cwd=ctx.work)
    if res.returncode != 0 or run.stdout != b"ran 3 False\n":
        problems.append("--exclude-module of a guarded import:\n" + res.describe() + "\n" + run.describe())

    # Needed at start-up: an error, nothing written; --force writes it.
    app = ctx.work / "app-broken"
    res = _build(ctx, src, "-o", str(app), "-q", "--exclude-module", "helper")
    want = ("freezer: error: --exclude-module helper: needed by __main__ (top-level import at main.py:1); "
            "use --force to exclude it anyway\n")
    if res.returncode == 0 or app.exists():
        problems.append("--exclude-module of a needed module was accepted\n" + res.describe())
    problems += H.expect_equal_text(want, res.stderr.decode(), "stderr")
    res = _build(ctx, src, "-o", str(app), "-q", "--exclude-module", "helper", "--force")
    run = H.run([str(app)], cwd=ctx.work)
    if res.returncode != 0 or b"No module named 'helper'" not in run.stderr:
        problems.append("--force did not build an app without helper\n" + res.describe() + "\n" + run.describe())
    return problems


def register(add, Case):
    add(Case("warnings.missing_classes", missing_warnings,
             "missing modules: top-level lines, one delayed line, guarded/Python 2/other platforms quiet, "
             "the program's own counted"))
    add(Case("warnings.size_and_exclude", size_and_exclude,
             "the summary's largest packages with their import; --exclude-module of what start-up needs "
             "is an error unless --force"))
