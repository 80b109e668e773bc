"""End-to-end test harness for freezer (run with /usr/bin/python3.11).

The pieces a case is made of:

  * make_root():  a directory that holds nothing but the glibc family, like a
    bare machine; frozen apps run inside it (run_in_root) through
    `unshare -m` + bind mounts of /proc and /dev + `unshare --root`.
  * freeze():     `freezer build SCRIPT -o OUT [options]`.
  * run_python(): the reference, /usr/bin/python3.11 on the source.
  * compare():    stdout, stderr and exit status / terminating signal of the
                  two runs after normalisation, with a unified diff per stream.

Every environment problem (not root, no unshare, mount refused...) raises
HarnessError, which the runner reports as a FAILURE naming what is missing:
an e2e test never skips silently.
"""
from __future__ import annotations

import dataclasses
import difflib
import os
import re
import resource
import shutil
import signal
import stat
import subprocess
import sys
from pathlib import Path
from typing import Iterable, Sequence

# The reference interpreter. Never the `python3` on PATH (a different build).
PYTHON = "/usr/bin/python3.11"
REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples"
PROGRAMS = Path(__file__).resolve().parent / "programs"

# What a glibc-only root holds (paths kept as on the host).
ROOT_LOADER = "/lib64/ld-linux-x86-64.so.2"
ROOT_LIBDIR = "/lib/x86_64-linux-gnu"
ROOT_LIBS = ["libc.so.6", "libm.so.6", "libpthread.so.0", "libdl.so.2",
             "librt.so.1", "libutil.so.1"]
# Where the app lives inside the root, and the working directory there.
ROOT_WORKDIR = "/work"
ROOT_APP = "/work/app"

# A bare machine: no LANG / LC_*, so there is no locale at all.
BASE_ENV = {"PATH": "/usr/bin:/bin"}

DEFAULT_TIMEOUT = 120

UNSHARE = "/usr/bin/unshare"
SH = "/bin/sh"


class HarnessError(Exception):
    """The test machinery itself cannot work here (reported as a failure)."""


class CaseFailure(Exception):
    """The product did not behave as expected; the message says how."""


# ---------------------------------------------------------------------------
# Processes


@dataclasses.dataclass
class Result:
    argv: list
    returncode: int
    stdout: bytes
    stderr: bytes
    timed_out: bool = False

    @property
    def signal(self) -> int | None:
        return -self.returncode if self.returncode < 0 else None

    def status_text(self) -> str:
        if self.timed_out:
            return "timed out (killed)"
        if self.returncode < 0:
            try:
                name = signal.Signals(-self.returncode).name
            except ValueError:
                name = "?"
            return f"killed by signal {name} ({-self.returncode})"
        return f"exit status {self.returncode}"

    def describe(self) -> str:
        return (f"command: {shell_join(self.argv)}\n"
                f"status: {self.status_text()}\n"
                f"stdout ({len(self.stdout)} bytes):\n{indent(show(self.stdout))}\n"
                f"stderr ({len(self.stderr)} bytes):\n{indent(show(self.stderr))}")


def shell_join(argv) -> str:
    import shlex
    return " ".join(shlex.quote(os.fsdecode(a)) for a in argv)


def show(data: bytes, limit: int = 4000) -> str:
    text = data.decode("utf-8", "backslashreplace")
    if len(text) > limit:
        text = text[:limit] + f"\n... ({len(text) - limit} more characters)"
    return text


def indent(text: str, prefix: str = "    | ") -> str:
    return "\n".join(prefix + line for line in text.splitlines()) or prefix + "(empty)"


def _no_core():
    # core_pattern may be "core": never litter, and we judge by signal anyway.
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def run(argv: Sequence, *, stdin: bytes = b"", env: dict | None = None,
        cwd: Path | str | None = None, timeout: int = DEFAULT_TIMEOUT) -> Result:
    """Runs argv with stdin piped from `stdin` and the minimal environment."""
    full_env = dict(BASE_ENV)
    if env:
        full_env.update(env)
    try:
        proc = subprocess.Popen(list(argv), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=full_env, cwd=cwd,
                                preexec_fn=_no_core, start_new_session=True)
    except OSError as exc:
        raise HarnessError(f"cannot run {shell_join(argv)}: {exc}") from exc
    try:
        out, err = proc.communicate(stdin, timeout=timeout)
        return Result(list(argv), proc.returncode, out, err)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        return Result(list(argv), proc.returncode, out, err, timed_out=True)


# ---------------------------------------------------------------------------
# The glibc-only root


def require_root_capabilities() -> None:
    missing = []
    if os.geteuid() != 0:
        missing.append(f"root privileges (euid is {os.geteuid()}); running apps in a "
                       "glibc-only root needs unshare -m, mount --bind and unshare --root")
    if not os.access(UNSHARE, os.X_OK):
        missing.append(f"{UNSHARE} (util-linux)")
    if not os.access(SH, os.X_OK):
        missing.append(SH)
    if missing:
        raise HarnessError("cannot run frozen apps in a glibc-only root: missing "
                           + "; ".join(missing))


def make_root(root: Path) -> Path:
    """Creates a root holding only the glibc family, proc, dev, tmp, work."""
    require_root_capabilities()
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    for rel in ("proc", "dev", "tmp", ROOT_WORKDIR.lstrip("/"),
                ROOT_LIBDIR.lstrip("/"), os.path.dirname(ROOT_LOADER).lstrip("/")):
        (root / rel).mkdir(parents=True, exist_ok=True)
    os.chmod(root / "tmp", 0o1777)
    sources = [(ROOT_LOADER, ROOT_LOADER)] + [
        (f"{ROOT_LIBDIR}/{lib}", f"{ROOT_LIBDIR}/{lib}") for lib in ROOT_LIBS]
    for src, dst in sources:
        if not os.path.exists(src):
            raise HarnessError(f"host library {src} is missing; cannot build the glibc-only root")
        shutil.copy2(src, root / dst.lstrip("/"))  # follows symlinks: real files
    return root


_ROOT_SCRIPT = (
    'R="$1"; shift; '
    'mount --bind /proc "$R/proc" || exit 125; '
    'mount --rbind /dev "$R/dev" || exit 125; '
    f'exec {UNSHARE} --root="$R" --wd={ROOT_WORKDIR} "$@"'
)


def run_in_root(root: Path, argv_in_root: Sequence[str], **kwargs) -> Result:
    """Runs argv (paths as seen inside the root) in a private mount namespace
    whose root is `root`, with the host's /proc and /dev bound in."""
    argv = [UNSHARE, "-m", "--propagation", "private", "--", SH, "-c", _ROOT_SCRIPT,
            "sh", str(root), *argv_in_root]
    return run(argv, **kwargs)


def check_root(root: Path) -> None:
    """Proves the root works: the dynamic loader runs inside it."""
    res = run_in_root(root, [ROOT_LOADER, "--version"], timeout=30)
    if res.returncode != 0 or b"ld.so" not in res.stdout:
        raise HarnessError(
            "the glibc-only root does not work (running the dynamic loader inside it "
            "failed; are mount namespaces and unshare --root permitted here?)\n"
            + res.describe())


def install_app(root: Path, app: Path) -> None:
    dst = root / ROOT_APP.lstrip("/")
    shutil.copy2(app, dst)
    os.chmod(dst, 0o755)


def add_root_files(root: Path, files: dict) -> None:
    """files: {path inside the root: text}."""
    for rel, text in (files or {}).items():
        p = root / rel.lstrip("/")
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")


# ---------------------------------------------------------------------------
# Freezing and running


def freeze(freezer: Path, script: Path, out: Path, options: Iterable[str] = (),
           cwd: Path | None = None) -> Result:
    """`freezer build script -o out options`; raises CaseFailure unless it
    succeeds and writes an executable 0755 file."""
    res = run([str(freezer), "build", str(script), "-o", str(out), *options], cwd=cwd)
    if res.returncode != 0 or res.timed_out:
        raise CaseFailure(f"freezer build failed\n{res.describe()}")
    if not out.is_file():
        raise CaseFailure(f"freezer build exited 0 but wrote no {out}\n{res.describe()}")
    mode = stat.S_IMODE(out.stat().st_mode)
    if mode != 0o755:
        raise CaseFailure(f"freezer build wrote {out} with mode {mode:o}, expected 755")
    return res


def run_python(script: Path, args: Sequence, *, cwd: Path, stdin: bytes = b"",
               env: dict | None = None) -> Result:
    return run([PYTHON, str(script), *args], cwd=cwd, stdin=stdin, env=env)


def run_frozen_in_root(root: Path, args: Sequence, *, stdin: bytes = b"",
                       env: dict | None = None) -> Result:
    return run_in_root(root, [ROOT_APP, *args], stdin=stdin, env=env)


# ---------------------------------------------------------------------------
# Comparison


def normalise(data: bytes, replacements: Sequence[tuple]) -> str:
    """Decodes (keeping undecodable bytes visible) and applies
    (regex, replacement) pairs in order."""
    text = data.decode("utf-8", "surrogateescape")
    for pattern, repl in replacements:
        text = re.sub(pattern, repl, text)
    return text


def path_pattern(path: str) -> str:
    """A regex matching `path` as a whole path prefix (not /work in /worker)."""
    return re.escape(path) + r"(?![\w.-])"


def diff_text(expected: str, actual: str, what: str, exp_label: str, act_label: str) -> str:
    exp_lines = expected.splitlines(keepends=True)
    act_lines = actual.splitlines(keepends=True)
    lines = list(difflib.unified_diff(exp_lines, act_lines,
                                      f"{exp_label} {what}", f"{act_label} {what}"))
    out = []
    for line in lines:
        if not line.endswith("\n"):
            line += "\n\\ No newline at end of file\n"
        out.append(line.encode("utf-8", "backslashreplace").decode("utf-8"))
    return "".join(out)


def compare(expected: Result, actual: Result, *, exp_norm, act_norm,
            exp_label="python3.11", act_label="frozen") -> list[str]:
    """Returns a list of human-readable differences (empty when equal)."""
    problems = []
    if actual.timed_out:
        problems.append(f"{act_label} run timed out")
    if expected.timed_out:
        problems.append(f"{exp_label} run timed out")
    if expected.returncode != actual.returncode:
        problems.append(f"status differs: {exp_label} {expected.status_text()}, "
                        f"{act_label} {actual.status_text()}")
    for stream in ("stdout", "stderr"):
        e = normalise(getattr(expected, stream), exp_norm)
        a = normalise(getattr(actual, stream), act_norm)
        if e != a:
            problems.append(f"{stream} differs (normalised; - {exp_label}, + {act_label}):\n"
                            + diff_text(e, a, stream, exp_label, act_label))
    return problems


def expect_equal_text(expected: str, actual: str, what: str) -> list[str]:
    if expected == actual:
        return []
    return [f"{what} differs (- expected, + actual):\n"
            + diff_text(expected, actual, what, "expected", "actual")]


def stderr_lines(res: Result) -> list[str]:
    return res.stderr.decode("utf-8", "backslashreplace").splitlines()


def check_one_line_error(res: Result, *, must_contain: str = "", must_start: str = "",
                         what: str) -> list[str]:
    """The bad-input contract: an exit status (no signal, no timeout), non-zero,
    nothing on stdout, exactly one line on stderr."""
    problems = []
    if res.timed_out:
        problems.append(f"{what}: timed out")
    elif res.returncode < 0:
        problems.append(f"{what}: died by a signal: {res.status_text()}")
    elif res.returncode == 0:
        problems.append(f"{what}: exit status 0, expected non-zero")
    lines = stderr_lines(res)
    if len(lines) != 1 or not res.stderr.endswith(b"\n"):
        problems.append(f"{what}: expected exactly one newline-terminated line on stderr, "
                        f"got {len(lines)} line(s)")
    elif must_start and not lines[0].startswith(must_start):
        problems.append(f"{what}: stderr line does not start with {must_start!r}")
    elif must_contain and must_contain not in lines[0]:
        problems.append(f"{what}: stderr line does not contain {must_contain!r}")
    if res.stdout:
        problems.append(f"{what}: expected nothing on stdout, got {len(res.stdout)} bytes")
    if problems:
        problems.append(res.describe())
    return problems
