"""Reproducible builds: the same inputs give the same bytes from different
directories, at different times, by different users; SOURCE_DATE_EPOCH sets
the zip timestamps; --check-reproducible builds twice and compares."""
from __future__ import annotations

import os
import shutil
import tempfile
import time
import zipfile
from pathlib import Path

import harness as H

NOBODY = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"]


def _stage(ctx, where: str) -> Path:
    dst = ctx.work / where
    shutil.copytree(H.SAMPLES / "multimodule", dst, ignore=shutil.ignore_patterns("__pycache__"))
    return dst / "multimodule.py"


def _build(ctx, script: Path, out: Path, *, env=None, user=None, options=()) -> None:
    argv = [str(ctx.freezer), "build", str(script), "-o", str(out), "-q", *options]
    res = H.run((user or []) + argv, env=env, cwd=out.parent)
    if res.returncode != 0 or not out.is_file():
        raise H.CaseFailure("freezer build failed\n" + res.describe())


def check_across_dirs_times_users(ctx):
    if not os.path.exists(NOBODY[0]):
        raise H.HarnessError("setpriv (util-linux) is needed to build as another user")
    a = _stage(ctx, "first/project")
    out_a = ctx.work / "first" / "app"
    _build(ctx, a, out_a, env={"HOME": str(ctx.work / "first"),
                               "XDG_CACHE_HOME": str(ctx.work / "first/cache")})
    time.sleep(1.1)
    # The second build: another user, in a directory of its own under /tmp
    # (the build tree may not be reachable for it), with its own copies of
    # the freezer and stub, another home and cache, a later time, and other
    # modification times on every source.
    other = Path(tempfile.mkdtemp(prefix="freezer-repro-", dir="/tmp"))
    try:
        tools = other / "bin"
        tools.mkdir()
        shutil.copy2(ctx.freezer, tools / "freezer")
        shutil.copy2(ctx.stub, tools / "freezer-stub")
        src = other / "elsewhere" / "proj"
        shutil.copytree(H.SAMPLES / "multimodule", src, ignore=shutil.ignore_patterns("__pycache__"))
        for p in src.rglob("*.py"):
            os.utime(p, (1_000_000_000, 1_000_000_000))
        for d in [other, *other.rglob("*")]:
            os.chmod(d, 0o777 if d.is_dir() else 0o755)
        out_b = other / "app"
        argv = NOBODY + [str(tools / "freezer"), "build", str(src / "multimodule.py"), "-o", str(out_b),
                         "-q", "--stub", str(tools / "freezer-stub")]
        res = H.run(argv, env={"HOME": str(other), "XDG_CACHE_HOME": str(other / "cache")}, cwd=other)
        if res.returncode != 0 or not out_b.is_file():
            return ["the build as another user failed\n" + res.describe()]
        if out_b.stat().st_uid != 65534:
            return [f"the second build was not made by another user (owner uid {out_b.stat().st_uid})"]
        first, second = out_a.read_bytes(), out_b.read_bytes()
    finally:
        shutil.rmtree(other, ignore_errors=True)
    if first != second:
        at = next((i for i, (x, y) in enumerate(zip(first, second)) if x != y), min(len(first), len(second)))
        return [f"builds differ: {len(first)} vs {len(second)} bytes, first difference at offset {at}"]
    return []


def check_source_date_epoch(ctx):
    script = _stage(ctx, "src")
    one, two = ctx.work / "one", ctx.work / "two"
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    _build(ctx, script, one, env=env)
    _build(ctx, script, two, env=env)
    problems = []
    with zipfile.ZipFile(one) as z:
        stamps = {info.date_time for info in z.infolist()}
    if stamps != {(2023, 11, 14, 22, 13, 20)}:
        problems.append(f"zip timestamps with SOURCE_DATE_EPOCH=1700000000: {sorted(stamps)}")
    if one.read_bytes() != two.read_bytes():
        problems.append("two builds with the same SOURCE_DATE_EPOCH differ")
    _build(ctx, script, ctx.work / "plain")
    with zipfile.ZipFile(ctx.work / "plain") as z:
        stamps = {info.date_time for info in z.infolist()}
    if stamps != {(1980, 1, 1, 0, 0, 0)}:
        problems.append(f"zip timestamps without SOURCE_DATE_EPOCH: {sorted(stamps)}")
    return problems


def check_flag(ctx):
    script = _stage(ctx, "src")
    out = ctx.work / "app"
    res = H.run([str(ctx.freezer), "build", str(script), "-o", str(out), "-q", "--check-reproducible"],
                cwd=ctx.work)
    problems = []
    if res.returncode != 0:
        problems.append("--check-reproducible failed on a reproducible program:\n" + res.describe())
    leftovers = [p.name for p in ctx.work.iterdir() if "reproducible" in p.name]
    if leftovers:
        problems.append(f"the second build's output was left behind: {leftovers}")
    return problems


def register(add, Case):
    add(Case("repro.across_dirs_times_users", check_across_dirs_times_users,
             "byte-identical builds from two directories, two users, two times"))
    add(Case("repro.source_date_epoch", check_source_date_epoch,
             "SOURCE_DATE_EPOCH sets every zip timestamp; otherwise 1980-01-01"))
    add(Case("repro.check_flag", check_flag, "--check-reproducible passes and cleans up"))
