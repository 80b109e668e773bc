"""Issue 11, section 2: defects found on real programs, each reduced to a
small program that python3.11 runs and the frozen app must run the same way
(in the glibc-only root). Each failed before its fix."""
from __future__ import annotations

import harness as H


def _stage(ctx, files: dict) -> "H.Path":
    src = ctx.work / "src"
    for rel, text in files.items():
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_text(text)
    return src


def _run_frozen(ctx, files: dict, build: list, args=()):
    """Freezes with `build` (run in the staged directory) and runs the app in
    the glibc-only root: (staged directory, frozen run), or a CaseFailure."""
    src = _stage(ctx, files)
    app = ctx.work / "app"
    res = H.run([str(ctx.freezer), "build", *build, "-o", str(app)], cwd=src)
    if res.returncode != 0 or not app.is_file():
        raise H.CaseFailure(f"freezer build failed\n{res.describe()}")
    root = H.make_root(ctx.work / "root")
    H.check_root(root)
    H.install_app(root, app)
    return src, H.run_frozen_in_root(root, list(args))


def _expect(ctx, files: dict, build: list, stdout: str) -> list:
    """The frozen run (as _run_frozen) against a literal stdout, status 0."""
    from cases import expect_frozen
    return expect_frozen(_run_frozen(ctx, files, build)[1], status=0, stderr="", stdout=stdout)


def _compare(ctx, files: dict, build: list, python: list, args=()) -> list:
    """The frozen run (as _run_frozen) compared with python3.11 run with
    `python` in the staged directory."""
    from cases import FROZEN_NORM, python_norm
    src, frozen = _run_frozen(ctx, files, build, args)
    ref = H.run([H.PYTHON, *python, *args], cwd=src)
    problems = H.compare(ref, frozen, exp_norm=python_norm(src, src), act_norm=FROZEN_NORM)
    if problems:
        problems.append("python3.11 run:\n" + ref.describe())
        problems.append("frozen run (in the glibc-only root):\n" + frozen.describe())
    return problems


PK = {
    "pk/__init__.py": "",
    "pk/cli.py": "def run():\n    from pk.core import main\n    return main()\n"
                 "if __name__ == \"__main__\":\n    run()\n",
    "pk/core.py": "def main():\n    print('pk.core.main ran')\n    return 3\n",
}


def entry_function_under_main_guard(ctx):
    return _compare(ctx, PK, ["--entry", "pk.cli:run"],
                    ["-c", "import sys; from pk.cli import run; sys.exit(run())"])


def script_calls_function_under_main_guard(ctx):
    files = dict(PK, **{"main.py": "import sys, pk.cli\nsys.exit(pk.cli.run())\n"})
    return _compare(ctx, files, ["main.py"], ["main.py"])


def except_handler_imports(ctx):
    files = {
        "main.py": "try:\n    import colorsys\n    raise KeyboardInterrupt\n"
                   "except KeyboardInterrupt:\n    import fxhandler\n    print(fxhandler.MSG)\n"
                   "try:\n    import json\n    raise OSError('no')\nexcept (OSError, ValueError):\n"
                   "    from fxfallback import MSG\n    print(MSG)\n",
        "fxhandler.py": "MSG = 'handler import ran'\n",
        "fxfallback.py": "MSG = 'OSError handler import ran'\n",
    }
    return _compare(ctx, files, ["main.py"], ["main.py"])


def sysconfig_data(ctx):
    files = {"main.py": "import sysconfig\n"
                        "print(sysconfig.get_config_var('SOABI'), sysconfig.get_config_var('EXT_SUFFIX'))\n"
                        "print(sysconfig.get_config_var('LIBDIR'), sorted(sysconfig.get_paths()))\n"
                        "print(sysconfig.get_python_version(), sysconfig.get_platform())\n"}
    return _compare(ctx, files, ["main.py"], ["main.py"])


def nonidentifier_module_names(ctx):
    files = {"main.py": "import importlib\nm = importlib.import_module('fx-data')\nprint(m.VALUE)\n",
             "fx-data.py": "VALUE = 'a module no import statement can name'\n"}
    problems = _compare(ctx, files, ["main.py"], ["main.py"])
    res = H.run([str(ctx.freezer), "build", "main.py", "--hidden-import",
                 "_sysconfigdata__x86_64-linux-gnu", "-o", str(ctx.work / "app2")], cwd=ctx.work / "src")
    if res.returncode != 0:
        problems.append("--hidden-import of sysconfig's data module was refused\n" + res.describe())
    return problems


def include_package_nested_data(ctx):
    files = {"main.py": "import importlib.resources, pq.sub\n"
                        "print(importlib.resources.files('pq.sub').joinpath('data/x.txt').read_text())\n",
             "pq/__init__.py": "", "pq/sub/__init__.py": "", "pq/sub/data/x.txt": "nested data\n"}
    return _compare(ctx, files, ["main.py", "--include-package", "pq"], ["main.py"])


def extract_after_build_same_home(ctx):
    """The user who builds an app runs it: the bytecode cache the build made
    (~/.cache/freezer) must be one the app's private cache accepts."""
    home = ctx.work / "home"
    home.mkdir()
    files = {"main.py": "import fxdata\nprint(fxdata.read())\n",
             "fxdata/__init__.py": "import os\nHERE = os.path.dirname(__file__)\n"
                                   "def read():\n    return open(os.path.join(HERE, 'd.txt')).read()\n",
             "fxdata/d.txt": "next to __file__\n"}
    src = _stage(ctx, files)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home)}
    res = H.run([str(ctx.freezer), "build", "main.py", "-o", str(ctx.work / "app")], cwd=src, env=env)
    if res.returncode != 0:
        return ["freezer build failed\n" + res.describe()]
    run = H.run([str(ctx.work / "app")], cwd=ctx.work, env=env)
    if run.returncode != 0 or run.stdout != b"next to __file__\n\n":
        return ["the app could not read its data next to __file__ with the builder's HOME\n" + run.describe()]
    return []


def extract_package_added_data(ctx):
    """--add-data DIR:P/sub with --extract-package P: the top-level files of
    DIR and its subdirectories are on disk next to P's __file__."""
    files = {"main.py": "import os, fxp\n"
                        "for root, dirs, names in sorted(os.walk(fxp.HERE)):\n"
                        "    print(os.path.relpath(root, fxp.HERE), sorted(names))\n"
                        "print(open(os.path.join(fxp.HERE, 'sub', 'top.txt')).read().strip())\n",
             "fxp/__init__.py": "import os\nHERE = os.path.dirname(__file__)\n",
             "extra/top.txt": "top-level file of the added directory\n",
             "extra/deep/d.txt": "deeper\n"}
    return _expect(ctx, files, ["main.py", "--add-data", "extra:fxp/sub", "--extract-package", "fxp"],
                   ". []\nsub ['top.txt']\nsub/deep ['d.txt']\ntop-level file of the added directory\n")


def register(add, Case):
    for name, fn, doc in [
        ("entry_function_main_guard", entry_function_under_main_guard,
         "--entry pk.cli:run whose run() only the module's main guard calls (defect 1)"),
        ("script_calls_main_guard_function", script_calls_function_under_main_guard,
         "a script calling a library function that only its main guard calls (defect 1)"),
        ("except_handler_imports", except_handler_imports,
         "imports in KeyboardInterrupt/OSError handlers are bundled (defect 2)"),
        ("sysconfig_data", sysconfig_data, "sysconfig's _sysconfigdata module is bundled (defect 3)"),
        ("nonidentifier_module_names", nonidentifier_module_names,
         "modules whose names are not identifiers (defect 4)"),
        ("include_package_nested_data", include_package_nested_data,
         "--include-package with data in nested non-package directories (defect 5)"),
        ("extract_after_build_same_home", extract_after_build_same_home,
         "data next to __file__ is on disk at run time, for the user who built the app"),
        ("extract_package_added_data", extract_package_added_data,
         "--add-data DIR:P/sub with --extract-package P writes DIR's top-level files too (defect 6)"),
    ]:
        add(Case(f"discovery.{name}", fn, doc))
