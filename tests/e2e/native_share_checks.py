"""Native code shared between processes, and stored compressed (issue #16):
by default every extension and shared library is written once per user to
the native cache, <cache>/freezer/native/<sha256>.so, and every process of
every app that bundles the same file maps that one file (the same inode in
/proc/PID/maps); `--native-load memory` writes nothing to disk; an unusable
cache falls back to memfds; a truncated, symlinked or group-writable cache
file is replaced, never loaded; native members are zstd frames (zip method
93) that `freezer extract` and `verify` round-trip byte-exact. Outputs are
compared with /usr/bin/python3.11 running the same source."""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

import harness as H

# Prints once its native code is loaded, then waits for a line on stdin, so
# its mappings can be read while it runs.
WAITING = (
    "import sqlite3, sys\n"
    "print(sqlite3.connect(':memory:').execute('select 6 * 7').fetchone()[0], flush=True)\n"
    "sys.stdin.readline()\n"
    "print('done')\n")
# Another program bundling the same extension and library.
OTHER = (
    "import sqlite3, sys, colorsys\n"
    "print(sqlite3.connect(':memory:').execute('select 7 * 7').fetchone()[0], colorsys.rgb_to_hsv(1, 0, 0), flush=True)\n"
    "sys.stdin.readline()\n"
    "print('done')\n")
SQLITE_EXT = "_sqlite3.cpython-311-x86_64-linux-gnu.so"
SQLITE_LIB = ".libs/libsqlite3.so.0"


def _freeze(ctx, name: str, source: str, options=()) -> Path:
    src = ctx.work / f"src-{name}"
    src.mkdir()
    (src / f"{name}.py").write_text(source)
    app = ctx.work / name
    H.freeze(ctx.freezer, src / f"{name}.py", app, options)
    return app


def _python(ctx, name: str) -> H.Result:
    return H.run_python(ctx.work / f"src-{name}" / f"{name}.py", (), cwd=ctx.work, stdin=b"\n")


def _env(ctx) -> dict:
    (ctx.work / "home").mkdir(exist_ok=True)
    (ctx.work / "xdg").mkdir(exist_ok=True)
    return {"HOME": str(ctx.work / "home"), "XDG_CACHE_HOME": str(ctx.work / "xdg")}


def native_digests(ctx, app: Path) -> dict[str, str]:
    """{archive path: SHA-256} of the app's native files, as its native
    manifest records them (read through `freezer extract`)."""
    out = ctx.work / f"extract-{app.name}"
    res = H.run([str(ctx.freezer), "extract", str(app), str(out)])
    if res.returncode != 0:
        raise H.CaseFailure("freezer extract failed\n" + res.describe())
    digests = {}
    for line in (out / ".freezer/native").read_text().splitlines():
        f = line.split("\t")
        if f[0] == "sha256":
            digests[f[1]] = f[2]
    return digests


def _cache_mappings(pid: int, native_dir: Path) -> dict[str, int]:
    """{file name: inode} of the files of `native_dir` process `pid` maps."""
    found = {}
    for line in Path(f"/proc/{pid}/maps").read_text().splitlines():
        parts = line.split(maxsplit=5)
        if len(parts) == 6 and parts[5].startswith(str(native_dir) + "/"):
            found[os.path.basename(parts[5])] = int(parts[4])
    return found


def _memfd_mappings(pid: int) -> list[str]:
    return sorted({line.split(maxsplit=5)[5] for line in Path(f"/proc/{pid}/maps").read_text().splitlines()
                   if len(line.split(maxsplit=5)) == 6 and "/memfd:" in line})


def _run_waiting(app: Path, env: dict, inspect):
    """Starts `app`, waits for its first line, calls inspect(pid) while it
    runs, then lets it finish; returns (inspect's value, Result)."""
    proc = subprocess.Popen([str(app)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=dict(H.BASE_ENV, **env))
    try:
        first = proc.stdout.readline()
        seen = inspect(proc.pid) if first else None
        out, err = proc.communicate(b"\n", timeout=H.DEFAULT_TIMEOUT)
    except BaseException:
        proc.kill()
        proc.wait()
        raise
    return seen, H.Result([str(app)], proc.returncode, first + out, err)


def _same_output(ref: H.Result, res: H.Result, what: str) -> list[str]:
    if res.returncode != ref.returncode or res.stdout != ref.stdout:
        return [f"{what}: not python3.11's output (python: status {ref.returncode}, "
                f"stdout {ref.stdout!r})\n" + res.describe()]
    return []


def check_shared_between_processes(ctx):
    """(a) two instances running at once map the same cache files (same
    inodes), and a different app bundling the same extension and library
    maps those very files, not copies."""
    app = _freeze(ctx, "waiting", WAITING)
    other = _freeze(ctx, "other", OTHER)
    env = _env(ctx)
    native = ctx.work / "xdg/freezer/native"
    digests = native_digests(ctx, app)
    want = {digests[SQLITE_EXT] + ".so", digests[SQLITE_LIB] + ".so"}
    problems = []
    ref = _python(ctx, "waiting")
    # Both alive at once: the second starts while the first waits.
    first = subprocess.Popen([str(app)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, env=dict(H.BASE_ENV, **env))
    try:
        line = first.stdout.readline()
        maps_first = _cache_mappings(first.pid, native) if line else {}
        maps_second, second = _run_waiting(app, env, lambda pid: _cache_mappings(pid, native))
        out, err = first.communicate(b"\n", timeout=H.DEFAULT_TIMEOUT)
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
    problems += _same_output(ref, H.Result([str(app)], first.returncode, line + out, err), "first instance")
    problems += _same_output(ref, second, "second instance")
    if not want <= set(maps_first):
        problems.append(f"the first instance does not map {sorted(want)} from {native}: {maps_first}")
    if maps_second != maps_first:
        problems.append(f"the two instances map different files:\n  first  {maps_first}\n  second {maps_second}")
    for name, inode in maps_first.items():
        st = (native / name).lstat()
        if st.st_ino != inode or not stat.S_ISREG(st.st_mode):
            problems.append(f"{native / name} is not the file mapped (inode {inode})")
        if hashlib.sha256((native / name).read_bytes()).hexdigest() + ".so" != name:
            problems.append(f"{native / name}: its SHA-256 is not its name")
    # A different app: the same files, not rewritten (rename would give a new inode).
    other_digests = native_digests(ctx, other)
    if other_digests[SQLITE_EXT] != digests[SQLITE_EXT]:
        raise H.CaseFailure("the two apps bundle different _sqlite3 bytes: the check is wrong")
    maps_other, res = _run_waiting(other, env, lambda pid: _cache_mappings(pid, native))
    problems += _same_output(_python(ctx, "other"), res, "the other app")
    for name in want:
        if maps_other is None or maps_other.get(name) != maps_first.get(name):
            problems.append(f"the other app does not map the same {name} (inode "
                            f"{maps_first.get(name)}): {maps_other}")
    leftovers = [p.name for p in native.iterdir() if p.name.startswith(".")]
    if leftovers:
        problems.append(f"temporary files left in {native}: {leftovers}")
    return problems


def check_memory_writes_nothing(ctx):
    """(b) --native-load memory: python3.11's output, native code from
    memfds, and nothing at all under XDG_CACHE_HOME or HOME."""
    app = _freeze(ctx, "waiting", WAITING, ["--native-load", "memory"])
    env = _env(ctx)
    memfds, res = _run_waiting(app, env, _memfd_mappings)
    problems = _same_output(_python(ctx, "waiting"), res, "--native-load memory")
    if not memfds or not any(SQLITE_EXT in m for m in memfds):
        problems.append(f"--native-load memory: {SQLITE_EXT} is not mapped from a memfd: {memfds}")
    for d in (ctx.work / "xdg", ctx.work / "home"):
        written = sorted(str(p.relative_to(d)) for p in d.rglob("*"))
        if written:
            problems.append(f"--native-load memory wrote under {d}: {written}")
    inspect = H.run([str(ctx.freezer), "inspect", str(app)])
    if not re.search(rb"^native load: +memory", inspect.stdout, re.M):
        problems.append("freezer inspect does not say `native load: memory`\n" + inspect.describe())
    bad = H.run([str(ctx.freezer), "build", str(ctx.work / "src-waiting/waiting.py"), "-o",
                 str(ctx.work / "bad"), "--native-load", "disk"])
    problems += H.check_one_line_error(bad, what="--native-load disk",
                                       must_start="freezer: error: --native-load disk: expected cache or memory")
    return problems


PROGRAM = (
    "import sqlite3, json\n"
    "print(sqlite3.connect(':memory:').execute('select 6 * 7').fetchone()[0], json.dumps({'ok': True}))\n")


def check_unusable_cache_falls_back(ctx):
    """(c) a cache directory of another user, one open to others (0777), and
    XDG_CACHE_HOME naming a file with /tmp/freezer-<euid> a planted symlink:
    each time the app runs from memfds, with python3.11's output, and writes
    nothing into what it refused. In a glibc-only root (its own /tmp)."""
    src = ctx.work / "src"
    src.mkdir()
    (src / "native.py").write_text(PROGRAM)
    app = ctx.work / "app"
    H.freeze(ctx.freezer, src / "native.py", app, ["--debug-imports"])
    ref = H.run_python(src / "native.py", (), cwd=ctx.work)
    problems = []
    # The control: with a usable cache the same app loads from it.
    root = H.make_root(ctx.work / "root")
    H.check_root(root)
    H.install_app(root, app)
    (root / "work/good").mkdir()
    res = H.run_frozen_in_root(root, [], env={"XDG_CACHE_HOME": "/work/good"})
    problems += _same_output(ref, res, "a usable cache")
    if not re.search(rb"^# extension module '_sqlite3' loaded from the native cache "
                     rb"'/work/good/freezer/native/[0-9a-f]{64}\.so'", res.stderr, re.M):
        problems.append("with a usable cache: _sqlite3 was not loaded from it\n" + res.describe())
    for what in ("another user's cache directory", "a cache directory open to others (0777)",
                 "XDG_CACHE_HOME a file and /tmp/freezer-<euid> a symlink"):
        root = H.make_root(ctx.work / "root")
        H.check_root(root)
        H.install_app(root, app)
        env = {"XDG_CACHE_HOME": "/work/xdg"}
        untouched = root / "work/xdg/freezer"
        if what.startswith("XDG"):
            (root / "work/afile").write_text("not a directory\n")
            env = {"XDG_CACHE_HOME": "/work/afile"}
            untouched = root / "work/decoy"
            untouched.mkdir(mode=0o700)
            os.symlink("/work/decoy", root / f"tmp/freezer-{os.geteuid()}")
        else:
            untouched.mkdir(parents=True, mode=0o700)
            if what.startswith("another"):
                os.chown(untouched, 4321, 4321)
            else:
                os.chmod(untouched, 0o777)
        res = H.run_frozen_in_root(root, [], env=env)
        problems += _same_output(ref, res, what)
        if not re.search(rb"^# extension module '_sqlite3' loaded from memfd '/proc/self/fd/\d+'",
                         res.stderr, re.M):
            problems.append(f"with {what}: _sqlite3 was not loaded from a memfd\n" + res.describe())
        if list(untouched.iterdir()):
            problems.append(f"with {what} the app wrote into {untouched}: {list(untouched.iterdir())}")
    return problems


def check_damaged_cache_file_replaced(ctx):
    """(d) a truncated cache file, one replaced by a symlink (to a file of the
    right size), and one writable by group and others: each is replaced by
    the right bytes (its SHA-256 is its name, mode 0500) and loaded from the
    cache only then; the symlink's target is never written nor loaded."""
    app = _freeze(ctx, "native", PROGRAM, ["--debug-imports"])
    env = _env(ctx)
    native = ctx.work / "xdg/freezer/native"
    name = native_digests(ctx, app)[SQLITE_EXT] + ".so"
    ref = H.run_python(ctx.work / "src-native/native.py", (), cwd=ctx.work)
    problems = _same_output(ref, H.run([str(app)], env=env), "the first start")
    cached = native / name
    if not cached.is_file():
        return problems + [f"the first start did not write {cached}"]
    good = cached.read_bytes()
    decoy = ctx.work / "decoy.so"

    def truncate():
        os.chmod(cached, 0o700)
        with open(cached, "r+b") as f:
            f.truncate(len(good) // 2)

    def symlink():
        decoy.write_bytes(os.urandom(len(good)))
        os.chmod(decoy, 0o500)
        cached.unlink()
        os.symlink(decoy, cached)

    def open_to_others():
        os.chmod(cached, 0o777)

    for what, damage in (("a truncated file", truncate), ("a symlink", symlink),
                         ("a file open to others", open_to_others)):
        decoy_before = decoy.read_bytes() if decoy.exists() else None
        damage()
        res = H.run([str(app)], env=env)
        problems += _same_output(ref, res, f"with {what} in the cache")
        want = f"# extension module '_sqlite3' loaded from the native cache '{cached}'".encode()
        if want not in res.stderr:
            problems.append(f"with {what}: _sqlite3 was not loaded from {cached}\n" + res.describe())
        st = cached.lstat()
        if not stat.S_ISREG(st.st_mode) or cached.read_bytes() != good or stat.S_IMODE(st.st_mode) != 0o500:
            problems.append(f"with {what}: {cached} was not replaced by the right bytes, mode 500 "
                            f"(regular: {stat.S_ISREG(st.st_mode)}, mode {stat.S_IMODE(st.st_mode):o})")
        if decoy_before is not None and decoy.read_bytes() != decoy_before:
            problems.append(f"with {what}: the symlink's target {decoy} was written")
    return problems


def check_members_compressed(ctx):
    """(e) native members are zstd frames (zip method 93, as `unzip -lv`
    shows it), and `freezer verify` / `extract` round-trip them byte-exact."""
    app = _freeze(ctx, "native", PROGRAM)
    listing = H.run(["/usr/bin/unzip", "-lv", str(app)])
    rows = [line.split() for line in listing.stdout.decode().splitlines()]
    native_rows = [r for r in rows if len(r) == 8 and re.search(r"\.so(\.|$)", r[7])]
    problems = []
    if len(native_rows) < 2:
        problems.append("unzip -lv lists no native members\n" + listing.describe())
    for r in native_rows:
        if r[1] != "Unk:093" or int(r[2]) >= int(r[0]):
            problems.append(f"unzip -lv: {r[7]} is not stored smaller with method 93 (zstd): {' '.join(r)}")
    verify = H.run([str(ctx.freezer), "verify", str(app)])
    if verify.returncode != 0:
        problems.append("freezer verify failed\n" + verify.describe())
    digests = native_digests(ctx, app)
    out = ctx.work / f"extract-{app.name}"
    for path, hex in digests.items():
        if hashlib.sha256((out / path).read_bytes()).hexdigest() != hex:
            problems.append(f"freezer extract: {path} is not the bytes bundled")
    system = Path("/usr/lib/python3.11/lib-dynload") / SQLITE_EXT
    if (out / SQLITE_EXT).read_bytes() != system.read_bytes():
        problems.append(f"freezer extract: {SQLITE_EXT} differs from {system}")
    res = H.run([str(app)], env=_env(ctx))
    problems += _same_output(H.run_python(ctx.work / "src-native/native.py", (), cwd=ctx.work), res,
                             "the compressed app")
    return problems


def register(add, Case):
    add(Case("native.shared_between_processes", check_shared_between_processes,
             "two instances, and another app bundling the same files, map the same cache files"))
    add(Case("native.load_memory_writes_nothing", check_memory_writes_nothing,
             "--native-load memory: memfds only, nothing under XDG_CACHE_HOME or HOME"))
    add(Case("native.unusable_cache_falls_back", check_unusable_cache_falls_back,
             "a cache of another user, open to others, or none at all: memfds, nothing written"))
    add(Case("native.damaged_cache_file_replaced", check_damaged_cache_file_replaced,
             "a truncated, symlinked or group-writable cache file is replaced, never loaded"))
    add(Case("native.members_compressed", check_members_compressed,
             "native members are zstd (method 93); verify and extract round-trip them"))
