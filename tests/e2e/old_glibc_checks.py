"""Frozen apps on an older glibc than the build machine's (issue 15).

The root is the glibc-only root of harness.make_root, made of Debian 11's
libc6 (glibc 2.31) instead of the host's: the package unpacked, never
installed, by .ci/fetch-old-glibc (run by .ci/install-deps) into
$FREEZER_OLD_GLIBC_DIR (default /var/cache/freezer-tests/glibc-2.31). A
missing package is a failure that says how to fetch it, never a skip.

Floors older than 2.31 cannot run here; the stub's own floor (2.17) is
proved by the symbol-version check (ctest stub.glibc_floor), and a built
app's by objdump on every ELF file it bundles (bundled_needs_at_most).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
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


def fails_without_lowering(source: Path, floor: str):
    """Built with --glibc-floor `floor` (above 2.31: nothing bundled is
    lowered), the app fails in the glibc 2.31 root the way an app frozen
    plainly on Debian 12 does: a bundled file needs a GLIBC_2.3x version."""
    def run(ctx) -> list:
        script = _stage(ctx, source)
        app = ctx.work / "app"
        H.freeze(ctx.freezer, script, app, ["--glibc-floor", floor])
        root = make_old_glibc_root(ctx.work / "root")
        H.install_app(root, app)
        frozen = H.run_frozen_in_root(root, [])
        if frozen.returncode != 0 and re.search(rb"version `GLIBC_2\.3[2-9]' not found", frozen.stderr):
            return []
        return [f"expected a failure naming a GLIBC_2.3x version not found, got:\n{frozen.describe()}"]
    return run


def _newer_versions(path: Path, floor: str) -> list[str]:
    """objdump's view: every GLIBC_x.y `path` asks for that is newer than `floor`."""
    def key(v):
        return tuple(int(x) for x in v.split("."))
    dump = subprocess.run(["objdump", "-T", "-p", str(path)], capture_output=True, text=True)
    if dump.returncode != 0:
        return [f"objdump failed on {path}: {dump.stderr.strip()}"]
    found = set(re.findall(r"GLIBC_(2\.[0-9]+(?:\.[0-9]+)?)", dump.stdout))
    return sorted(v for v in found if key(v) > key(floor))


def bundled_needs_at_most(source: Path, floor: str, options=()):
    """The proof for floors this machine cannot run: built with
    --glibc-floor `floor`, no ELF file the app bundles (extensions, shared
    libraries) needs a newer glibc version by objdump, and inspect names the floor."""
    def run(ctx) -> list:
        script = _stage(ctx, source)
        app = ctx.work / "app"
        H.freeze(ctx.freezer, script, app, ["--glibc-floor", floor, *options])
        out = ctx.work / "extracted"
        res = H.run([str(ctx.freezer), "extract", str(app), str(out)])
        if res.returncode != 0:
            return [f"freezer extract failed:\n{res.describe()}"]
        problems, checked = [], 0
        for f in sorted(out.rglob("*")):
            if f.is_file() and f.read_bytes()[:4] == b"\x7fELF":
                checked += 1
                newer = _newer_versions(f, floor)
                if newer:
                    problems.append(f"{f.relative_to(out)} needs {', '.join(newer)} (floor {floor})")
        if checked < 10:
            problems.append(f"only {checked} ELF files bundled: is this the native sample?")
        res = H.run([str(ctx.freezer), "inspect", "--json", str(app)])
        floor_seen = json.loads(res.stdout or b"{}").get("glibc_floor") if res.returncode == 0 else None
        if floor_seen is None or tuple(map(int, floor_seen[6:].split("."))) > tuple(map(int, floor.split("."))):
            problems.append(f"inspect: glibc_floor {floor_seen!r}, expected at most GLIBC_{floor}\n"
                            + res.describe())
        return problems
    return run


def floor_refused(source: Path, floor: str, must_list: str):
    """An explicit --glibc-floor the bundled files cannot meet fails the build
    with the files and symbols that prevent it, and writes nothing."""
    def run(ctx) -> list:
        script = _stage(ctx, source)
        app = ctx.work / "app"
        res = H.run([str(ctx.freezer), "build", str(script), "-o", str(app), "--glibc-floor", floor])
        err = res.stderr.decode("utf-8", "replace")
        problems = []
        if res.returncode == 0 or app.exists():
            problems.append("the build succeeded (or wrote the app)")
        if f"freezer: error: --glibc-floor {floor}: " not in err:
            problems.append("no 'freezer: error: --glibc-floor' line")
        if not any(line.strip().startswith(must_list) for line in err.splitlines()):
            problems.append(f"no line listing {must_list!r}")
        if problems:
            problems.append(res.describe())
        return problems
    return run


def bad_floor_flags():
    """A malformed --glibc-floor, or one below the stub's own floor: one line, no app."""
    def run(ctx) -> list:
        script = _stage(ctx, H.SAMPLES / "hello")
        problems = []
        for value, must in (("banana", "expected a glibc version"), ("2.5", "the stub itself needs glibc 2.17")):
            app = ctx.work / f"app-{value}"
            res = H.run([str(ctx.freezer), "build", str(script), "-o", str(app), "--glibc-floor", value])
            problems += H.check_one_line_error(res, must_start=f"freezer: error: --glibc-floor {value}: ",
                                               must_contain=must, what=f"--glibc-floor {value}")
            if app.exists():
                problems.append(f"--glibc-floor {value} wrote {app}")
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
    add(Case("glibc231.native_tour", compare_on_old_glibc(H.SAMPLES / "native_tour"),
             "frozen native_tour (ssl, sqlite3, hashlib, ctypes, decimal, lzma, bz2, uuid) runs on "
             "glibc 2.31 as python3.11 on the host: its Debian 12 libraries lowered to 2.17"))
    add(Case("glibc231.yaml_numpy",
             compare_on_old_glibc(H.SAMPLES / "yaml_numpy", options=["--glibc-floor", "2.31"]),
             "frozen yaml_numpy (libyaml, numpy, BLAS/LAPACK, libgfortran) with --glibc-floor 2.31 "
             "runs on glibc 2.31 as python3.11 on the host"))
    add(Case("glibc231.not_lowered_fails", fails_without_lowering(H.SAMPLES / "native_tour", "2.36"),
             "without the lowering (--glibc-floor 2.36) native_tour fails on glibc 2.31: "
             "version `GLIBC_2.3x' not found"))
    add(Case("glibc.native_tour_needs_2_17",
             bundled_needs_at_most(H.SAMPLES / "native_tour", "2.17"),
             "--glibc-floor 2.17: no file native_tour bundles needs a newer glibc (objdump)"))
    add(Case("glibc.yaml_numpy_needs_2_26",
             bundled_needs_at_most(H.SAMPLES / "yaml_numpy", "2.26"),
             "--glibc-floor 2.26: no file yaml_numpy bundles needs a newer glibc (objdump)"))
    add(Case("glibc.yaml_numpy_2_17_refused",
             floor_refused(H.SAMPLES / "yaml_numpy", "2.17", ".libs/libgfortran.so.5: "),
             "--glibc-floor 2.17 with numpy's libgfortran (__issignaling@GLIBC_2.18): the build "
             "fails listing each file and symbol"))
    add(Case("glibc.bad_floor_flag", bad_floor_flags(),
             "--glibc-floor banana / 2.5 (below the stub's 2.17): one-line errors, nothing written"))
