"""Issue 14, section 3: --no-python-children (the app's own children get
the app's argv, as every start did before python children existed) and
the PYTHON* variables the app was started with, which neither the app nor
its python children honour. The fidelity cases (program.python_children*)
cover the children themselves."""
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


OUTSIDER_PROGRAM = (
    "import os, subprocess, sys\n"
    "SHOW = ('import os, sys; print(sys.warnoptions, sys.flags.hash_randomization, '\n"
    "        'sys.flags.dev_mode, '\n"
    "        'sorted(k for k in os.environ if k.startswith(\"PYTHON\")))')\n"
    "def child(env=None):\n"
    "    r = subprocess.run([sys.executable, '-c', SHOW], env=env, capture_output=True, text=True)\n"
    "    print(r.returncode, r.stdout.strip(), repr(r.stderr))\n"
    "print('app:', sys.warnoptions, sys.flags.hash_randomization, os.environ.get('PYTHONWARNINGS'))\n"
    "child()\n"
    "child(dict(os.environ))\n"
    "child(dict(os.environ, PYTHONWARNINGS='always'))\n"
    "os.environ['PYTHONDEVMODE'] = '1'\n"
    "child()\n")

OUTSIDER_EXPECTED = (
    "app: [] 1 error\n"
    "0 [] 1 False [] ''\n"
    "0 [] 1 False [] ''\n"
    "0 ['always'] 1 False ['PYTHONWARNINGS'] ''\n"
    "0 ['default'] 1 True ['PYTHONDEVMODE'] ''\n")


def check_outsider_environment(ctx):
    """Started with PYTHONWARNINGS, PYTHONHASHSEED and PYTHONSTARTUP set from
    outside: the app ignores them, its python children neither honour nor
    see them (a child python3.11 would honour them), and what the app sets
    itself is honoured."""
    src = ctx.work / "src"
    src.mkdir()
    (src / "outsider.py").write_text(OUTSIDER_PROGRAM)
    app = ctx.work / "app"
    H.freeze(ctx.freezer, src / "outsider.py", app, [])
    root = H.make_root(ctx.work / "root")
    H.check_root(root)
    H.install_app(root, app)
    env = {"PATH": "/usr/bin:/bin", "PYTHONWARNINGS": "error", "PYTHONHASHSEED": "0",
           "PYTHONSTARTUP": "/nonexistent/startup.py"}
    res = H.run_frozen_in_root(root, [], env=env)
    if res.returncode != 0 or res.stdout.decode() != OUTSIDER_EXPECTED:
        return [f"expected stdout {OUTSIDER_EXPECTED!r}:\n" + res.describe()]
    return []


def register(add, Case):
    add(Case("python_children.outsider_environment", check_outsider_environment,
             "PYTHON* variables set outside the app reach neither the app nor its python "
             "children; those the app sets do"))
    add(Case("python_children.off", check_no_python_children,
             "--no-python-children: `sys.executable -c CODE` from the app is the app's own argv"))
