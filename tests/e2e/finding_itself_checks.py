"""Issue 13, "Finding itself": without /proc the stub finds its executable
through AT_EXECFN (the file the kernel executed), never through argv[0],
which the caller chooses; in secure-execution mode (set-id) it refuses to
start without /proc/self/exe. Root-only, as every glibc-only-root case."""
from __future__ import annotations

import os
from pathlib import Path

import harness as H

# Like harness._ROOT_SCRIPT, without /proc (as native_checks does).
_NO_PROC_SCRIPT = (
    'R="$1"; shift; '
    'mount --rbind /dev "$R/dev" || exit 125; '
    f'exec {H.UNSHARE} --root="$R" --wd={H.ROOT_WORKDIR} "$@"')

# execv(argv[1], argv[2:]) after dropping to uid/gid 65534 when asked:
# how a caller picks argv[0] (and how a set-uid app gets AT_SECURE).
LAUNCHER = (
    "import os, sys\n"
    "args = sys.argv[1:]\n"
    "if args[0] == '--as-nobody':\n"
    "    os.setgid(65534); os.setuid(65534); args = args[1:]\n"
    "os.execv(args[0], args[1:])\n")


def _argv(root: Path, args, proc: bool):
    script = H._ROOT_SCRIPT if proc else _NO_PROC_SCRIPT
    return [H.UNSHARE, "-m", "--propagation", "private", "--", H.SH, "-c", script,
            "sh", str(root), *args]


def _setup(ctx) -> Path:
    src = ctx.work / "src"
    src.mkdir()
    root = H.make_root(ctx.work / "root")
    H.check_root(root)
    for name, text in (("launcher", LAUNCHER), ("real", "print('the real payload')\n"),
                       ("other", "print('the other payload')\n")):
        (src / f"{name}.py").write_text(text)
        H.freeze(ctx.freezer, src / f"{name}.py", ctx.work / name)
        dst = root / "work" / name
        dst.write_bytes((ctx.work / name).read_bytes())
        os.chmod(dst, 0o755)
    return root


def check_argv0_is_not_the_executable(ctx):
    """execv("/work/real", ["/work/other"]) without /proc runs real's payload."""
    root = _setup(ctx)
    res = H.run(_argv(root, ["/work/launcher", "/work/real", "/work/other"], proc=False))
    if res.returncode != 0 or res.stdout != b"the real payload\n":
        return ["without /proc, execv('/work/real', ['/work/other']) should run real's "
                "payload:\n" + res.describe()]
    return []


def check_secure_execution_needs_proc(ctx):
    """A set-uid app started by another user (AT_SECURE): without /proc it
    refuses with one line and status 1; with /proc it runs."""
    root = _setup(ctx)
    os.chmod(root / "work/real", 0o4755)
    os.chmod(root / "work", 0o755)
    problems = []
    args = ["/work/launcher", "--as-nobody", "/work/real", "/work/other"]
    res = H.run(_argv(root, args, proc=False))
    problems += H.check_one_line_error(res, must_contain="secure-execution",
                                       what="set-uid without /proc")
    if res.returncode != 1 or res.stdout:
        problems.append("a set-uid app without /proc should refuse, status 1:\n" + res.describe())
    res = H.run(_argv(root, args, proc=True))
    if res.returncode != 0 or res.stdout != b"the real payload\n":
        problems.append("a set-uid app with /proc should run:\n" + res.describe())
    return problems


def register(add, Case):
    add(Case("attack.self_argv0_without_proc", check_argv0_is_not_the_executable,
             "without /proc, argv[0] naming another app does not pick its payload"))
    add(Case("attack.self_secure_without_proc", check_secure_execution_needs_proc,
             "set-uid (AT_SECURE) without /proc: refused in one line; with /proc: runs"))
