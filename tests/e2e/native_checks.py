"""Native code without /proc (no memfd can be loaded): the stub loads it
from the shared per-user native cache (0700, owned by the user, one file per
content), refuses a planted symlink or someone else's directory there (and
then loads through a throw-away mkdtemp directory, leaving nothing behind),
and 50 concurrent first starts all succeed."""
from __future__ import annotations

import hashlib
import os
import stat
import subprocess
from pathlib import Path

import harness as H

PROGRAM = (
    "import sqlite3, json, _json\n"
    "con = sqlite3.connect(':memory:')\n"
    "print(con.execute('select 6 * 7').fetchone()[0], json.dumps({'ok': True}))\n")
EXPECTED = b'42 {"ok": true}\n'

# Like harness._ROOT_SCRIPT, without /proc: memfd paths cannot be opened.
_NO_PROC_SCRIPT = (
    'R="$1"; shift; '
    'mount --rbind /dev "$R/dev" || exit 125; '
    f'exec {H.UNSHARE} --root="$R" --wd={H.ROOT_WORKDIR} "$@"')


def _argv_no_proc(root: Path):
    return [H.UNSHARE, "-m", "--propagation", "private", "--", H.SH, "-c", _NO_PROC_SCRIPT,
            "sh", str(root), H.ROOT_APP]


def _setup(ctx) -> Path:
    src = ctx.work / "src"
    src.mkdir()
    (src / "native.py").write_text(PROGRAM)
    app = ctx.work / "app"
    H.freeze(ctx.freezer, src / "native.py", app)
    root = H.make_root(ctx.work / "root")
    H.check_root(root)
    H.install_app(root, app)
    (root / "work/home").mkdir()
    return root


def _run(root: Path) -> H.Result:
    return H.run(_argv_no_proc(root), env={"HOME": "/work/home"})


def _leftovers(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in (root / "tmp").iterdir())


def _refused(root: Path, *, untouched: Path, what: str) -> list[str]:
    """Runs the app with `what` at the cache path: it must still work (the
    mkdtemp fallback), write nothing into `untouched`, leave nothing behind."""
    res = _run(root)
    problems = []
    if res.returncode != 0 or res.stdout != EXPECTED:
        problems.append(f"with {what} the app did not fall back safely:\n" + res.describe())
    if list(untouched.iterdir()):
        problems.append(f"with {what} the app wrote into {untouched}: {list(untouched.iterdir())}")
    if _leftovers(root):
        problems.append(f"files left behind in the root's /tmp: {_leftovers(root)}")
    return problems


def check_cache_fallback(ctx):
    root = _setup(ctx)
    res = _run(root)
    problems = []
    if res.returncode != 0 or res.stdout != EXPECTED:
        return ["the app did not run without /proc:\n" + res.describe()]
    base = root / "work/home/.cache/freezer"
    native = base / "native"
    if not native.is_dir():
        return [f"no native cache directory {native}"]
    for d in (base, native):
        mode = stat.S_IMODE(d.stat().st_mode)
        if mode != 0o700:
            problems.append(f"{d} has mode {mode:o}, expected 700")
    # Content-addressed: <SHA-256 of the file>.so, for the extension and the
    # library it needs.
    from native_share_checks import native_digests
    names = sorted(p.name for p in native.iterdir())
    digests = native_digests(ctx, ctx.work / "app")
    for want in (".libs/libsqlite3.so.0", "_sqlite3.cpython-311-x86_64-linux-gnu.so"):
        name = digests[want] + ".so"
        if name not in names:
            problems.append(f"{want} not in the cache directory as {name}: {names}")
        elif hashlib.sha256((native / name).read_bytes()).hexdigest() + ".so" != name:
            problems.append(f"{native / name}: its SHA-256 is not its name")
    if any(n.startswith(".") for n in names):
        problems.append(f"temporary files left in the cache: {names}")
    again = _run(root)
    if again.returncode != 0 or again.stdout != EXPECTED:
        problems.append("the second start (cache present) failed:\n" + again.describe())
    return problems


def check_symlink_refused(ctx):
    root = _setup(ctx)
    target = root / "work/elsewhere"
    target.mkdir()
    (root / "work/home/.cache").mkdir()
    os.symlink("/work/elsewhere", root / "work/home/.cache/freezer")
    return _refused(root, untouched=target, what="a planted symlink")


def check_foreign_owner_refused(ctx):
    root = _setup(ctx)
    base = root / "work/home/.cache/freezer"
    base.mkdir(parents=True, mode=0o700)
    os.chown(base, 4321, 4321)
    return _refused(root, untouched=base, what="a cache directory owned by another user")


def check_concurrent_starts(ctx):
    root = _setup(ctx)
    env = dict(H.BASE_ENV, HOME="/work/home")
    procs = [subprocess.Popen(_argv_no_proc(root), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env=env) for _ in range(50)]
    problems = []
    for i, p in enumerate(procs):
        out, err = p.communicate(timeout=H.DEFAULT_TIMEOUT)
        if p.returncode != 0 or out != EXPECTED:
            problems.append(f"start {i} of 50: status {p.returncode}, stdout {out!r}, "
                            f"stderr {err.decode(errors='replace')!r}")
    return problems[:5] + ([f"... {len(problems) - 5} more"] if len(problems) > 5 else [])


def check_cxx_extension(ctx):
    """A C++ extension (compiled now with g++) that throws and catches: the
    same output frozen in the glibc-only root as under python3.11."""
    from cases import FROZEN_NORM, frozen_in_root, python_norm, stage_source
    script = stage_source(ctx, H.PROGRAMS / "cxx_extension")
    src = script.parent
    build = H.run(["/usr/bin/g++", "-O2", "-shared", "-fPIC", "-I/usr/include/python3.11",
                   str(src / "cxxmod.cc"), "-o", str(src / "cxxmod.cpython-311-x86_64-linux-gnu.so")])
    if build.returncode != 0:
        raise H.HarnessError("cannot compile the C++ test extension with g++:\n" + build.describe())
    frozen = frozen_in_root(ctx, script, (), (), b"", None, None)
    cwd = ctx.work / "pycwd"
    cwd.mkdir()
    ref = H.run_python(script, (), cwd=cwd)
    return H.compare(ref, frozen, exp_norm=python_norm(src, cwd), act_norm=FROZEN_NORM)


def register(add, Case):
    add(Case("native.cxx_extension_exceptions", check_cxx_extension,
             "a C++ extension throwing and catching works frozen (own unwind tables)"))
    add(Case("native.cache_fallback", check_cache_fallback,
             "without /proc: native code from the shared 0700 native cache, reused on the next start"))
    add(Case("native.symlink_refused", check_symlink_refused,
             "a symlink planted at the cache path is refused, nothing written through it"))
    add(Case("native.foreign_owner_refused", check_foreign_owner_refused,
             "a cache directory owned by another user is refused"))
    add(Case("native.concurrent_starts", check_concurrent_starts,
             "50 concurrent first starts without /proc all succeed"))
