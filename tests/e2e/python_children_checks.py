"""Issue 14, section 3: --no-python-children. The app's own children get
the app's argv, as every start did before python children existed; the
fidelity cases (program.python_children*) cover the children themselves."""
from __future__ import annotations

import harness as H

PROGRAM = (
    "import subprocess, sys\n"
    "if sys.argv[1:]:\n"
    "    print('own argv:', sys.argv[1:])\n"
    "    sys.exit(0)\n"
    "r = subprocess.run([sys.executable, '-c', 'print(1)'], capture_output=True, text=True)\n"
    "print('child:', r.returncode, r.stdout.strip())\n")


def check_no_python_children(ctx):
    src = ctx.work / "src"
    src.mkdir()
    (src / "parent.py").write_text(PROGRAM)
    problems = []
    runs = (([], "child: 0 1\n"),
            (["--no-python-children"], "child: 0 own argv: ['-c', 'print(1)']\n"))
    for i, (options, expected) in enumerate(runs):
        app = ctx.work / f"app{i}"
        H.freeze(ctx.freezer, src / "parent.py", app, options)
        root = H.make_root(ctx.work / f"root{i}")
        H.check_root(root)
        H.install_app(root, app)
        res = H.run_frozen_in_root(root, [])
        if res.returncode != 0 or res.stdout.decode() != expected:
            problems.append(f"options {options}: expected stdout {expected!r}:\n" + res.describe())
    return problems


def register(add, Case):
    add(Case("python_children.off", check_no_python_children,
             "--no-python-children: `sys.executable -c CODE` from the app is the app's own argv"))
