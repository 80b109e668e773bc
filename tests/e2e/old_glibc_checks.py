"""Frozen apps on an older glibc than the build machine's (issue 15).

The root is the glibc-only root of harness.make_root, made of Debian 11's
libc6 (glibc 2.31) instead of the host's: the package unpacked, never
installed, by .ci/fetch-old-glibc (run by .ci/install-deps) into
$FREEZER_OLD_GLIBC_DIR (default /var/cache/freezer-tests/glibc-2.31). A
missing package is a failure that says how to fetch it, never a skip.

Floors older than 2.31 cannot run here; the stub's own floor (2.17) is
proved by the symbol-version check (ctest stub.glibc_floor).
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import harness as H

OLD_GLIBC_DIR = Path(os.environ.get("FREEZER_OLD_GLIBC_DIR", "/var/cache/freezer-tests/glibc-2.31"))
OLD_GLIBC_VERSION = "2.31"


def make_old_glibc_root(root: Path) -> Path:
    """harness.make_root with bullseye's glibc 2.31 in place of the host's."""
    if not (OLD_GLIBC_DIR / "VERSION").is_file():
        raise H.HarnessError(
            f"Debian 11's glibc is not in {OLD_GLIBC_DIR}: run .ci/fetch-old-glibc "
            "(.ci/install-deps does) or set FREEZER_OLD_GLIBC_DIR")
    H.make_root(root)  # the layout; its host libraries are replaced below
    sources = [(H.ROOT_LOADER, H.ROOT_LOADER)] + [
        (f"{H.ROOT_LIBDIR}/{lib}", f"{H.ROOT_LIBDIR}/{lib}") for lib in H.ROOT_LIBS]
    for src_rel, dst_rel in sources:
        src = OLD_GLIBC_DIR / src_rel.lstrip("/")
        # lib64/ld-linux-x86-64.so.2 is an absolute symlink: resolve it in the package.
        if src.is_symlink() and os.readlink(src).startswith("/"):
            src = OLD_GLIBC_DIR / os.readlink(src).lstrip("/")
        if not src.exists():
            raise H.HarnessError(f"{src} is missing from the unpacked libc6 in {OLD_GLIBC_DIR}")
        dst = root / dst_rel.lstrip("/")
        dst.unlink()
        shutil.copy2(src, dst)  # follows the package's relative symlinks
    # ld.so 2.31 has no --version (harness.check_root): libc.so.6, run as a
    # program, prints its banner; it proves the root works and is 2.31.
    res = H.run_in_root(root, [f"{H.ROOT_LIBDIR}/libc.so.6"], timeout=30)
    if res.returncode != 0 or f"release version {OLD_GLIBC_VERSION}".encode() not in res.stdout:
        raise H.HarnessError(f"the old-glibc root does not run glibc {OLD_GLIBC_VERSION}:\n"
                             + res.describe())
    return root


def _stage(ctx, source: Path) -> Path:
    from cases import stage_source  # cases imports this module: import late
    return stage_source(ctx, source)


def compare_on_old_glibc(source: Path, args=(), options=()):
    def run(ctx) -> list:
        from cases import FROZEN_NORM, python_norm
        script = _stage(ctx, source)
        app = ctx.work / "app"
        H.freeze(ctx.freezer, script, app, options)
        root = make_old_glibc_root(ctx.work / "root")
        H.install_app(root, app)
        frozen = H.run_frozen_in_root(root, args)
        cwd = ctx.work / "pycwd"
        cwd.mkdir()
        ref = H.run_python(script, args, cwd=cwd)
        problems = H.compare(ref, frozen, exp_norm=python_norm(script.parent, cwd),
                             act_norm=FROZEN_NORM, act_label="frozen on glibc 2.31")
        if problems:
            problems.append("python3.11 run (host):\n" + ref.describe())
            problems.append("frozen run (in the glibc 2.31 root):\n" + frozen.describe())
        return problems
    return run


def register(add, Case):
    add(Case("glibc231.hello",
             compare_on_old_glibc(H.SAMPLES / "hello", args=["freezer", "users", "naïve café"]),
             "frozen hello runs on Debian 11's glibc 2.31 as python3.11 runs it on the host"))
    add(Case("glibc231.stdlib_tour",
             compare_on_old_glibc(H.SAMPLES / "stdlib_tour",
                                  args=["--count", "3", "--name", "tour", "-v", "alpha", "beta gamma"]),
             "frozen stdlib_tour runs on glibc 2.31 as python3.11 runs it on the host"))
    add(Case("glibc231.stdlib_core", compare_on_old_glibc(H.PROGRAMS / "old_glibc_core.py"),
             "threads, locks with timeouts, subprocess, os.stat, math, random, pty, "
             "zlib/expat on glibc 2.31: what the stub's pinned and polyfilled functions do"))
