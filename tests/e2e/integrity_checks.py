"""Issue 8's run-time promises: a killed build keeps the previous output, a
payload from another Python is refused, empty files are refused, an app
works renamed, copied, moved, symlinked or started by a relative path, and
nothing planted around it (encodings/, ~/.local site-packages) is imported."""
from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import time
import zlib
from pathlib import Path

import harness as H
from checks import HELLO_ARGS, HELLO_STDOUT, TRAILER, _build_hello, _run_app

HIJACK = "print('HIJACKED', __name__)\n"


def check_sigkill_keeps_previous_output(ctx):
    """SIGKILL at many moments of a build: the output is always either the
    previous app or a complete new one, and no temporary file is left."""
    old = _build_hello(ctx)
    old_bytes = old.read_bytes()
    tour_dir = ctx.work / "tour"
    shutil.copytree(H.SAMPLES / "stdlib_tour", tour_dir, ignore=shutil.ignore_patterns("__pycache__"))
    tour = tour_dir / "stdlib_tour.py"
    problems = []
    rng = random.Random(8)
    for attempt in range(12):
        delay = rng.uniform(0.0, 0.35)
        proc = subprocess.Popen([str(ctx.freezer), "build", str(tour), "-o", str(old), "-q",
                                 "--no-cache"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        now = old.read_bytes()
        if now != old_bytes:
            # The build finished before the kill: the new app must be whole.
            res = _run_app(ctx, old, ["x"])
            if res.returncode != 0 or b"== datetime" not in res.stdout:
                problems.append(f"after SIGKILL at {delay:.3f} s the output is neither the old "
                                f"app nor a working new one:\n" + res.describe())
                break
            old_bytes = now
        strays = [p.name for p in old.parent.iterdir() if ".freezer-" in p.name]
        if strays:
            problems.append(f"after SIGKILL at {delay:.3f} s temporary files remain: {strays}")
            break
    return problems


def check_other_python_magic(ctx):
    app = _build_hello(ctx)
    data = bytearray(app.read_bytes())
    at = len(data) - TRAILER.size
    data[at + 12:at + 16] = (0x0A0D0D6F).to_bytes(4, "little")  # CPython 3.10's magic
    crc = zlib.crc32(bytes(data[at:at + 60])) & 0xFFFFFFFF
    data[at + 60:at + 64] = crc.to_bytes(4, "little")
    app.write_bytes(bytes(data))
    res = _run_app(ctx, app, HELLO_ARGS)
    return H.check_one_line_error(res, must_contain="another Python", what="payload of Python 3.10")


def check_zero_length_file(ctx):
    empty = ctx.work / "empty"
    empty.write_bytes(b"")
    problems = []
    for cmd in ("list", "inspect", "verify"):
        res = H.run([str(ctx.freezer), cmd, str(empty)], cwd=ctx.work)
        problems += H.check_one_line_error(res, must_start="freezer: error:",
                                           what=f"freezer {cmd} of a zero-length file")
    return problems


def check_moved_renamed_symlinked(ctx):
    app = _build_hello(ctx)
    places = ctx.work / "a" / "b"
    places.mkdir(parents=True)
    copy = places / "renamed-copy"
    copy.write_bytes(app.read_bytes())
    copy.chmod(0o755)
    moved = ctx.work / "moved"
    os.rename(app, moved)
    link = ctx.work / "link-to-app"
    link.symlink_to(moved)
    chained = places / "link-to-link"
    chained.symlink_to(link)
    problems = []
    runs = [([str(copy)], ctx.work), ([str(moved)], ctx.work), ([str(link)], ctx.work),
            ([str(chained)], ctx.work), (["./renamed-copy"], places), (["../../moved"], places),
            (["../link-to-app"], places / "..")]
    for argv, cwd in runs:
        res = H.run([*argv, *HELLO_ARGS], cwd=cwd)
        if res.returncode != 0 or res.stdout != HELLO_STDOUT:
            problems.append(f"started as {argv[0]} in {cwd}:\n" + res.describe())
    # Through PATH, by name only.
    res = H.run(["renamed-copy", *HELLO_ARGS], cwd=ctx.work, env={"PATH": f"{places}:/usr/bin:/bin"})
    if res.returncode != 0 or res.stdout != HELLO_STDOUT:
        problems.append("started through PATH:\n" + res.describe())
    return problems


def check_planted_modules_ignored(ctx):
    """encodings/ and json planted in the working directory, beside the app
    and in ~/.local's site-packages: the payload alone supplies modules."""
    from cases import stage_source
    src = ctx.work / "prog"
    src.mkdir()
    (src / "prog.py").write_text("import json, encodings\nprint(json.dumps([1]), encodings.__name__)\n")
    app = ctx.work / "app"
    H.freeze(ctx.freezer, src / "prog.py", app)
    home = ctx.work / "home"
    site = home / ".local/lib/python3.11/site-packages"
    for d in (ctx.work / "encodings", site / "encodings", site):
        d.mkdir(parents=True, exist_ok=True)
    for d in (ctx.work / "encodings", site / "encodings"):
        (d / "__init__.py").write_text(HIJACK)
        (d / "utf_8.py").write_text(HIJACK)
    (ctx.work / "json.py").write_text(HIJACK)
    (site / "json.py").write_text(HIJACK)
    (site / "sitecustomize.py").write_text(HIJACK)
    (site / "usercustomize.py").write_text(HIJACK)
    res = H.run([str(app)], cwd=ctx.work,
                env={"HOME": str(home), "PYTHONUSERBASE": str(home / ".local"), "LANG": "C.UTF-8"})
    problems = []
    if res.returncode != 0 or res.stdout != b"[1] encodings\n" or b"HIJACKED" in res.stdout + res.stderr:
        problems.append("a planted module was imported, or the app failed:\n" + res.describe())
    return problems


def register(add, Case):
    add(Case("integrity.sigkill_keeps_previous_output", check_sigkill_keeps_previous_output,
             "a build killed at any moment leaves the previous app intact, no temporaries"))
    add(Case("bad.other_python_magic", check_other_python_magic,
             "a payload for another Python version: one-line error"))
    add(Case("bad.zero_length_file", check_zero_length_file,
             "freezer list/inspect/verify of an empty file: one-line error"))
    add(Case("integrity.moved_renamed_symlinked", check_moved_renamed_symlinked,
             "the app works renamed, copied, moved, symlinked, relative, through PATH"))
    add(Case("isolation.planted_modules_ignored", check_planted_modules_ignored,
             "encodings/, json.py, ~/.local site-packages planted: nothing imported"))
