"""The bytecode cache follows CPython's pyc rules: untouched sources are not
recompiled, touched ones are, a pyc of another Python is never used, and a
cache that cannot be written still gives a build (with one warning)."""
from __future__ import annotations

import json
import os
from pathlib import Path

import harness as H

MAIN = "import fxmod_a\nimport fxmod_b\nprint(fxmod_a.VALUE, fxmod_b.VALUE)\n"


def _stage(ctx) -> Path:
    src = ctx.work / "src"
    src.mkdir()
    (src / "main.py").write_text(MAIN)
    (src / "fxmod_a.py").write_text("VALUE = 'a1'\n")
    (src / "fxmod_b.py").write_text("VALUE = 'b1'\n")
    return src


def _build(ctx, src: Path, name: str, cache: Path, extra=()) -> tuple[dict, H.Result, Path]:
    app = ctx.work / name
    report = ctx.work / (name + ".json")
    res = H.freeze(ctx.freezer, src / "main.py", app,
                   ["--cache-dir", str(cache), "--report", str(report), *extra])
    return json.loads(report.read_text())["bytecode"], res, app


def _output(ctx, app: Path) -> bytes:
    res = H.run([str(app)], cwd=ctx.work)
    if res.returncode != 0:
        raise H.CaseFailure("the app failed:\n" + res.describe())
    return res.stdout


def _cached_pyc(cache: Path, source: Path, tag: str = ".cpython-311.pyc") -> Path:
    # CPython's pycache_prefix layout: <cache>/<abs dir of source>/<stem><tag>
    return cache / str(source.parent).lstrip("/") / (source.stem + tag)


def check_untouched_not_recompiled(ctx):
    src, cache = _stage(ctx), ctx.work / "cache"
    first, _, app1 = _build(ctx, src, "app1", cache)
    second, _, app2 = _build(ctx, src, "app2", cache)
    problems = []
    if first["compiled"] != 3:
        problems.append(f"cold build compiled {first['compiled']} modules, expected 3 "
                        f"(main + 2 with no __pycache__): {first}")
    if second["compiled"] != 0:
        problems.append(f"warm build recompiled {second['compiled']} modules: {second}")
    if second["cache_hits"] < first["compiled"] + first["tree_hits"]:
        problems.append(f"warm build used the cache for fewer modules than the cold one built: "
                        f"{first} then {second}")
    if not _cached_pyc(cache, src / "fxmod_a.py").is_file():
        problems.append("no cache entry at " + str(_cached_pyc(cache, src / "fxmod_a.py")))
    if app1.read_bytes() != app2.read_bytes():
        problems.append("cold and warm builds of the same inputs differ")
    return problems


def check_touched_recompiled(ctx):
    src, cache = _stage(ctx), ctx.work / "cache"
    _build(ctx, src, "app1", cache)
    mod = src / "fxmod_b.py"
    mod.write_text("VALUE = 'b2'\n")
    st = mod.stat()
    os.utime(mod, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))
    stats, _, app = _build(ctx, src, "app2", cache)
    problems = []
    if stats["compiled"] != 1:
        problems.append(f"after touching one source, {stats['compiled']} were compiled "
                        f"(expected 1): {stats}")
    out = _output(ctx, app)
    if out != b"a1 b2\n":
        problems.append(f"the rebuilt app prints {out!r}, expected b'a1 b2\\n'")
    return problems


def check_other_magic_rejected(ctx):
    src, cache = _stage(ctx), ctx.work / "cache"
    _build(ctx, src, "app1", cache)
    pyc = _cached_pyc(cache, src / "fxmod_a.py")
    data = bytearray(pyc.read_bytes())
    data[0:4] = b"\x6f\x0d\x0d\x0a"  # CPython 3.10's magic
    pyc.write_bytes(bytes(data))
    stats, _, app = _build(ctx, src, "app2", cache)
    problems = []
    if stats["compiled"] != 1:
        problems.append(f"a cached pyc with another magic was used (compiled={stats['compiled']}, "
                        f"expected 1): {stats}")
    if pyc.read_bytes()[:4] != b"\xa7\x0d\x0d\x0a":
        problems.append("the stale cache entry was not replaced with 3.11 bytecode")
    if _output(ctx, app) != b"a1 b1\n":
        problems.append("the app built after rejecting the stale pyc does not work")
    return problems


def check_unwritable_cache_still_builds(ctx):
    src = _stage(ctx)
    blocker = ctx.work / "not-a-dir"
    blocker.write_text("a file where the cache directory would go\n")
    stats, res, app = _build(ctx, src, "app", blocker / "cache")
    problems = []
    warnings = [l for l in res.stderr.decode(errors="replace").splitlines() if "warning" in l]
    cache_warnings = [l for l in warnings if "cache" in l]
    if len(cache_warnings) != 1:
        problems.append(f"expected exactly one warning about the cache, got:\n"
                        + res.describe())
    if stats["compiled"] != 3:
        problems.append(f"expected the 3 modules compiled in memory: {stats}")
    if _output(ctx, app) != b"a1 b1\n":
        problems.append("the app built without a writable cache does not work")
    return problems


def check_opt_levels_separate(ctx):
    src, cache = _stage(ctx), ctx.work / "cache"
    _build(ctx, src, "app0", cache)
    stats, _, _ = _build(ctx, src, "app2", cache, ["--optimize", "2"])
    problems = []
    # The 3 staged modules at least (stdlib pycs of level 2 may be missing too).
    if stats["compiled"] < 3:
        problems.append(f"--optimize 2 reused level-0 bytecode (compiled={stats['compiled']})")
    if not _cached_pyc(cache, src / "fxmod_a.py").is_file():
        problems.append("the level-0 cache entry disappeared")
    opt2 = _cached_pyc(cache, src / "fxmod_a.py", ".cpython-311.opt-2.pyc")
    if not opt2.is_file():
        problems.append(f"no separate .opt-2 cache entry at {opt2}")
    return problems


def check_hash_based(ctx):
    src, cache = _stage(ctx), ctx.work / "cache"
    _build(ctx, src, "app1", cache, ["--hash-based"])
    pyc = _cached_pyc(cache, src / "fxmod_a.py")
    flags = int.from_bytes(pyc.read_bytes()[4:8], "little")
    problems = []
    if flags != 3:
        problems.append(f"--hash-based cache entry has flags {flags}, expected 3 (checked hash)")
    # Same size, new content, mtime kept: only the hash can tell.
    mod = src / "fxmod_a.py"
    st = mod.stat()
    mod.write_text("VALUE = 'a9'\n")
    os.utime(mod, ns=(st.st_atime_ns, st.st_mtime_ns))
    stats, _, app = _build(ctx, src, "app2", cache, ["--hash-based"])
    if stats["compiled"] != 1 or _output(ctx, app) != b"a9 b1\n":
        problems.append(f"a changed source with the same mtime and size was not recompiled "
                        f"under --hash-based: {stats}")
    return problems


def register(add, Case):
    add(Case("cache.untouched_not_recompiled", check_untouched_not_recompiled,
             "warm rebuild compiles nothing and gives the same bytes"))
    add(Case("cache.touched_recompiled", check_touched_recompiled,
             "a touched source is recompiled, only it"))
    add(Case("cache.other_magic_rejected", check_other_magic_rejected,
             "a cached pyc with another Python's magic is replaced"))
    add(Case("cache.unwritable_still_builds", check_unwritable_cache_still_builds,
             "an unwritable cache gives one warning and a working app"))
    add(Case("cache.opt_levels_separate", check_opt_levels_separate,
             "--optimize levels have their own cache entries"))
    add(Case("cache.hash_based", check_hash_based,
             "--hash-based validates by source hash"))
