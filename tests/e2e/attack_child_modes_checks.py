"""Issue 13: nobody but the app's own parent can steer it.

Every vector here ran code, read a pickle or unlinked someone's resources
before the fix; now each command line is the app's own argv (sys.argv as
`python3.11 app.py ARGS` would get it) unless the process was started by
the app itself (the child key, vm/child_key.h). Run as the existing
isolation tests are: root, in a glibc-only root (harness.py)."""
from __future__ import annotations

import os
import pickle
from pathlib import Path

import harness as H

# Bundles every multiprocessing module a child mode would run.
VICTIM = (
    "import multiprocessing, multiprocessing.spawn, multiprocessing.forkserver\n"
    "import multiprocessing.resource_tracker, multiprocessing.shared_memory\n"
    "import sys\n"
    "print('argv:', sys.argv[1:])\n")

# What an attacker's evil.py does when the forkserver imports it.
EVIL = "import os\nos.mkdir('/work/pwned-forkserver')\n"


class _Mkdir:
    """Unpickling this calls os.mkdir(path): what `os.system` would be."""

    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return (os.mkdir, (self.path,))


def _victim(ctx, options=()) -> Path:
    src = ctx.work / "src"
    src.mkdir(exist_ok=True)
    (src / "victim.py").write_text(VICTIM)
    app = ctx.work / "app"
    H.freeze(ctx.freezer, src / "victim.py", app, options)
    root = H.make_root(ctx.work / "root")
    H.check_root(root)
    H.install_app(root, app)
    (root / "work/evil.py").write_text(EVIL)
    return root


def _own_argv(root: Path, args, what: str, *, stdin: bytes = b"", env=None) -> list:
    """The app must run its entry with `args` as its own argv."""
    res = H.run_frozen_in_root(root, args, stdin=stdin, env=env)
    expected = f"argv: {list(args)!r}\n".encode()
    if res.returncode != 0 or res.stdout != expected:
        return [f"{what}: the app did not run its own entry with its argv "
                f"(expected stdout {expected!r}):\n" + res.describe()]
    return []


FORKSERVER = ("from multiprocessing.forkserver import main; "
              "main(0, 0, ['__main__'], **{'main_path': '/work/evil.py'})")
SPAWN_C = "from multiprocessing.spawn import spawn_main; spawn_main(pipe_handle=0)"
TRACKER = "from multiprocessing.resource_tracker import main;main(0)"


def check_forkserver_main_path(ctx):
    """`app -c "...forkserver import main; main(0, 0, ['__main__'],
    **{'main_path': 'evil.py'})"` used to run evil.py."""
    root = _victim(ctx)
    problems = _own_argv(root, ["-c", FORKSERVER], "the forkserver form")
    if (root / "work/pwned-forkserver").exists():
        problems.append("the forkserver form ran /work/evil.py")
    return problems


def check_spawn_pickle_on_stdin(ctx):
    """`app --multiprocessing-fork pipe_handle=0 < evil.pkl` and the `-c
    spawn_main(pipe_handle=0) --multiprocessing-fork` form used to unpickle
    stdin (os.mkdir here, os.system as well)."""
    root = _victim(ctx)
    problems = []
    forms = {"frozen": ["--multiprocessing-fork", "pipe_handle=0"],
             "python": ["-c", SPAWN_C, "--multiprocessing-fork"]}
    for name, args in forms.items():
        marker = f"/work/pwned-{name}"
        evil = pickle.dumps(_Mkdir(marker), protocol=2)
        problems += _own_argv(root, args, f"the {name} spawn form", stdin=evil)
        if (root / marker.lstrip("/")).exists():
            problems.append(f"the {name} spawn form unpickled stdin: {marker} was made")
    return problems


def check_resource_tracker_unlink(ctx):
    """The resource-tracker form with `REGISTER:/NAME:shared_memory` on stdin
    used to unlink that POSIX shared-memory object (anyone's the user may
    delete)."""
    root = _victim(ctx)
    name = f"freezer_victim_{os.getpid()}"
    shm = Path("/dev/shm") / name  # /dev is the host's inside the root
    shm.write_bytes(b"someone's data")
    try:
        stdin = f"REGISTER:/{name}:shared_memory\n".encode()
        problems = _own_argv(root, ["-c", TRACKER], "the resource-tracker form", stdin=stdin)
        if not shm.exists():
            problems.append(f"the resource-tracker form unlinked /dev/shm/{name}")
    finally:
        if shm.exists():
            shm.unlink()
    return problems


def check_forged_key(ctx):
    """A malformed key in the environment is no key: the argv stays the
    app's own. (A well-formed one is honoured: who sets the environment is
    the app's parent, docs/security.md.)"""
    root = _victim(ctx)
    return _own_argv(root, ["-c", FORKSERVER], "a malformed key",
                     env={"_FREEZER_CHILD_KEY": "not-a-key"}) + (
        ["a malformed key let the forkserver form run evil.py"]
        if (root / "work/pwned-forkserver").exists() else [])


def check_no_child_modes(ctx):
    """--no-child-modes: even a well-formed key does not make the app a
    child; every argv is its own."""
    root = _victim(ctx, ["--no-child-modes"])
    env = {"_FREEZER_CHILD_KEY": "0123456789abcdef0123456789abcdef"}
    problems = _own_argv(root, ["-c", FORKSERVER], "--no-child-modes, forkserver form", env=env)
    if (root / "work/pwned-forkserver").exists():
        problems.append("with --no-child-modes the forkserver form ran /work/evil.py")
    problems += _own_argv(root, ["--multiprocessing-fork", "pipe_handle=0"],
                          "--no-child-modes, spawn form", env=env,
                          stdin=pickle.dumps(_Mkdir("/work/pwned-nochild"), protocol=2))
    if (root / "work/pwned-nochild").exists():
        problems.append("with --no-child-modes the spawn form unpickled stdin")
    return problems


def register(add, Case):
    import fidelity
    P = H.PROGRAMS
    add(Case("attack.child_forkserver_main_path", check_forkserver_main_path,
             "the forkserver command line from outside: no evil.py, the app's own argv"))
    add(Case("attack.child_spawn_pickle_stdin", check_spawn_pickle_on_stdin,
             "both spawn command lines from outside: stdin not unpickled, the app's own argv"))
    add(Case("attack.child_resource_tracker_unlink", check_resource_tracker_unlink,
             "the resource-tracker command line from outside: no shared memory unlinked"))
    add(Case("attack.child_forged_key", check_forged_key,
             "a malformed child key in the environment: the app's own argv"))
    add(Case("attack.child_no_child_modes", check_no_child_modes,
             "--no-child-modes: even a well-formed key leaves argv the app's own"))
    fidelity.fidelity_case(
        add, Case, "attack.child_key_inherited", P / "mp_grandchild.py",
        build=["mp_grandchild.py"], python=["{src}/mp_grandchild.py"], drive_=fidelity.Drive(),
        doc="spawn child starting a Pool, forkserver, resource tracker: the key reaches "
            "grandchildren and no process's os.environ or /proc/self/environ shows it")
