"""Issue 13's attacks on integrity and on build inputs (docs/security.md,
"Integrity" and "Build inputs and outputs"): a rewired index, a zero payload
offset, edits to zip records the stub never reads, a stub with a payload,
outputs that are inputs, package symlinks out of the package, a bytecode
cache of another user, reserved --add-data destinations. Every attack edits
what an attacker can: CRCs and the digest are recomputed where that helps."""
from __future__ import annotations

import hashlib
import os
import shutil
import stat
import struct
import subprocess
import zlib
from pathlib import Path

import harness as H
from checks import TRAILER, _build_hello, _run_app

INDEX_HEADER = struct.Struct("<8sII")           # archive/payload_format.h: IndexHeader
INDEX_ENTRY = struct.Struct("<QIIIIHBBI")      # IndexEntry
DIGEST = 32


def _crc(b: bytes) -> int:
    return zlib.crc32(b) & 0xFFFFFFFF


def reseal(data: bytearray, digest: bool = True) -> None:
    """Recomputes the index CRC, the trailer CRC and (`digest`) the SHA-256,
    as anyone who edits the file can. The index CRC is also in the index
    member's zip headers; those are left alone (the stub never reads them)."""
    at = len(data) - TRAILER.size
    f = list(TRAILER.unpack_from(data, at))
    index_offset, index_size = f[5], f[6]
    f[7] = _crc(bytes(data[index_offset:index_offset + index_size]))
    TRAILER.pack_into(data, at, *f)
    struct.pack_into("<I", data, at + 60, _crc(bytes(data[at:at + 60])))
    if digest:
        data[-DIGEST:] = hashlib.sha256(bytes(data[:-DIGEST])).digest()


def index_entries(data: bytes):
    at = len(data) - TRAILER.size
    t = TRAILER.unpack_from(data, at)
    index_offset = t[5]
    magic, count, names_size = INDEX_HEADER.unpack_from(data, index_offset)
    table = index_offset + INDEX_HEADER.size
    blob = table + count * INDEX_ENTRY.size
    out = {}
    for i in range(count):
        e = INDEX_ENTRY.unpack_from(data, table + i * INDEX_ENTRY.size)
        name = bytes(data[blob + e[4]:blob + e[4] + e[5]]).decode()
        out[name] = (table + i * INDEX_ENTRY.size, e)
    return out


def _verify(ctx, app: Path) -> H.Result:
    return H.run([str(ctx.freezer), "verify", str(app)], cwd=ctx.work)


def _expect_verify_refuses(ctx, app: Path, what: str, must_contain: str = "") -> list:
    res = _verify(ctx, app)
    problems = H.check_one_line_error(res, must_start="freezer: error:", what=f"freezer verify of {what}")
    if must_contain and must_contain.encode() not in res.stderr:
        problems.append(f"freezer verify of {what}: the error does not say '{must_contain}':\n"
                        + res.describe())
    return problems


# ---------------------------------------------------------------------------
# Integrity


def check_rewired_index(ctx):
    """One module's index entry pointed at another module's bytes turns
    "access denied" into "access granted" at run time (the stub checks only
    CRCs, which hold); freezer verify refuses it, whether or not the digest
    was recomputed, and the digest it printed for the original differs from
    any digest of the rewired file."""
    src = ctx.work / "src"
    src.mkdir()
    (src / "policy.py").write_text("VERDICT = 'access denied'\n")
    (src / "granted.py").write_text("VERDICT = 'access granted'\n")
    (src / "door.py").write_text("import policy\nprint(policy.VERDICT)\n")
    app = ctx.work / "door"
    H.freeze(ctx.freezer, src / "door.py", app, ["--hidden-import", "granted"])
    problems = []
    res = _run_app(ctx, app)
    if res.stdout != b"access denied\n":
        return ["the intact app does not say 'access denied':\n" + res.describe()]
    good = _verify(ctx, app)
    if good.returncode != 0:
        return ["freezer verify refuses the intact app:\n" + good.describe()]
    data = bytearray(app.read_bytes())
    entries = index_entries(data)
    pos, _ = entries["policy"]
    _, g = entries["granted"]
    e = list(INDEX_ENTRY.unpack_from(data, pos))
    e[0:4] = g[0:4]      # data_offset, stored_size, size, crc32
    e[7] = g[7]          # compression
    e[8] = g[8]          # crc32c
    INDEX_ENTRY.pack_into(data, pos, *e)
    for recompute in (False, True):
        bad = bytearray(data)
        reseal(bad, digest=recompute)
        rewired = ctx.work / f"rewired-{int(recompute)}"
        rewired.write_bytes(bytes(bad))
        os.chmod(rewired, 0o755)
        run = _run_app(ctx, rewired)
        if run.stdout != b"access granted\n":
            problems.append("the rewiring did not take effect, so the test proves nothing:\n"
                            + run.describe())
        problems += _expect_verify_refuses(
            ctx, rewired, f"a rewired index (digest recomputed: {recompute})",
            "does not start right after its own local header" if recompute else "digest mismatch")
        if hashlib.sha256(bytes(bad[:-DIGEST])).hexdigest().encode() in good.stdout:
            problems.append("the rewired file has the digest verify printed for the original")
    return problems


def check_payload_offset_zero(ctx):
    app = _build_hello(ctx)
    data = bytearray(app.read_bytes())
    at = len(data) - TRAILER.size
    f = list(TRAILER.unpack_from(data, at))
    f[3], f[4] = 0, len(data)  # payload_offset, payload_size
    TRAILER.pack_into(data, at, *f)
    reseal(data)
    app.write_bytes(bytes(data))
    return _expect_verify_refuses(ctx, app, "a trailer with payload_offset 0",
                                  "is not the end of the stub's ELF image")


def check_uncovered_records(ctx):
    """A flipped byte in the central directory, the end record, the index
    member's local header, or the trailer's reserved fields: refused by
    verify with the digest left alone (digest mismatch) and recomputed."""
    app = _build_hello(ctx)
    data = bytes(app.read_bytes())
    at = len(data) - TRAILER.size
    t = TRAILER.unpack_from(data, at)
    index_offset, index_size = t[5], t[6]
    spots = {"central directory": index_offset + index_size + 20,
             "end of central directory record": at - 22 + 10,
             "index member's local header": index_offset - 44 + 16}
    problems = []
    for what, pos in spots.items():
        for recompute in (False, True):
            bad = bytearray(data)
            bad[pos] ^= 0x20
            if recompute:
                bad[-DIGEST:] = hashlib.sha256(bytes(bad[:-DIGEST])).digest()
            p = ctx.work / "bad"
            p.write_bytes(bytes(bad))
            problems += _expect_verify_refuses(ctx, p, f"a flipped byte in the {what} "
                                               f"(digest recomputed: {recompute})")
    bad = bytearray(data)
    f = list(TRAILER.unpack_from(bad, at))
    f[10] = 1  # reserved
    TRAILER.pack_into(bad, at, *f)
    reseal(bad)
    p = ctx.work / "bad"
    p.write_bytes(bytes(bad))
    problems += _expect_verify_refuses(ctx, p, "a trailer with reserved != 0", "reserved")
    return problems


def check_digest_is_whole_file(ctx):
    """The digest verify prints is the SHA-256 of the file but its last 32
    bytes, and two builds of the same inputs print the same one."""
    app = _build_hello(ctx)
    data = app.read_bytes()
    res = _verify(ctx, app)
    want = "sha256:" + hashlib.sha256(data[:-DIGEST]).hexdigest()
    problems = []
    if res.returncode != 0 or want.encode() not in res.stdout:
        problems.append(f"freezer verify does not print {want}:\n" + res.describe())
    if data[-DIGEST:] != hashlib.sha256(data[:-DIGEST]).digest():
        problems.append("the file's last 32 bytes are not the SHA-256 of the rest")
    return problems


# ---------------------------------------------------------------------------
# Build inputs and outputs


def _rules_beside(ctx, directory: Path) -> None:
    """The shipped rules beside a stub copied to `directory`, so the build
    has nothing to warn about but the refusal."""
    if not (directory / "rules").exists():
        shutil.copytree(ctx.stub.parent / "rules", directory / "rules")


def _expect_build_refused(ctx, argv, what, keep: dict, must_contain: str) -> list:
    res = H.run([str(ctx.freezer), "build", *map(str, argv)], cwd=ctx.work)
    problems = H.check_one_line_error(res, must_start="freezer: error:", what=what,
                                      must_contain=must_contain)
    for path, before in keep.items():
        if path.read_bytes() != before:
            problems.append(f"{what}: {path} was changed")
    return problems


def check_output_is_an_input(ctx):
    src = ctx.work / "src"
    src.mkdir()
    script = src / "app.py"
    script.write_text("print(open(__file__).read() if False else 'hi')\n")
    data = src / "table.txt"
    data.write_text("rows\n")
    (src / "alias.py").symlink_to("app.py")
    stub = ctx.work / "my-stub"
    shutil.copy2(ctx.stub, stub)
    _rules_beside(ctx, ctx.work)
    keep = {script: script.read_bytes(), data: data.read_bytes(), stub: stub.read_bytes()}
    problems = []
    for out, extra, what in [
            (script, [], "-o the entry script"),
            (src / "alias.py", [], "-o a symlink to the entry script"),
            (src / "." / "app.py", [], "-o the entry script spelt ./"),
            (data, ["--add-data", f"{data}:."], "-o a bundled data file"),
            (stub, ["--stub", stub], "-o the stub")]:
        problems += _expect_build_refused(ctx, [script, "-o", out, *extra], what, keep,
                                          "is the same file as the")
    report = ["--report", str(data), "--add-data", f"{data}:."]
    problems += _expect_build_refused(ctx, [script, "-o", ctx.work / "app", *report],
                                      "--report over a bundled data file", keep,
                                      "is the same file as the input")
    return problems


def check_stub_with_payload_refused(ctx):
    """A stub that an app overwrote (it has a payload) is refused, not used."""
    app = _build_hello(ctx)
    _rules_beside(ctx, ctx.work)
    script = ctx.work / "src" / "hello.py"
    return _expect_build_refused(ctx, [script, "-o", ctx.work / "app2", "--stub", app],
                                 "a build with an app as --stub", {}, "is not a bare stub")


def check_package_symlink_escape(ctx):
    """A package holding `etc -> ../../../../etc` and a file link out of the
    package: skipped with one warning each; links inside the package are
    followed; the app holds none of the build machine's /etc."""
    src = ctx.work / "src"
    pkg = src / "pkg"
    (pkg / "real").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "real" / "inside.txt").write_text("inside\n")
    depth = len(pkg.resolve().parts) - 1
    (pkg / "etc").symlink_to("/".join([".."] * depth) + "/etc")
    (pkg / "shadow.txt").symlink_to("/etc/hostname")
    (pkg / "alias").symlink_to("real")  # stays inside: followed
    (src / "app.py").write_text("import pkg\nprint('ok')\n")
    app = ctx.work / "app"
    res = H.freeze(ctx.freezer, src / "app.py", app)
    problems = []
    warnings = [line for line in res.stderr.decode().splitlines() if "skipped the symlink" in line]
    for name in ("etc", "shadow.txt"):
        if sum(f"/pkg/{name}'" in w for w in warnings) != 1:
            problems.append(f"no single warning for the symlink pkg/{name}:\n" + res.describe())
    if len(warnings) != 2:
        problems.append(f"expected 2 warnings, got {len(warnings)}:\n" + "\n".join(warnings))
    listing = H.run([str(ctx.freezer), "list", str(app)], cwd=ctx.work).stdout.decode()
    if "pkg/etc/" in listing or "pkg/shadow.txt" in listing:
        problems.append("files behind the escaping links were bundled:\n" + listing[:2000])
    if "pkg/alias/inside.txt" not in listing or "pkg/real/inside.txt" not in listing:
        problems.append("data behind an in-package link is missing:\n" + listing[:2000])
    return problems


def _cached_pyc(cache: Path, stem: str) -> Path:
    found = list(cache.rglob(f"{stem}.cpython-311.pyc"))
    if len(found) != 1:
        raise H.CaseFailure(f"expected one cached {stem}.pyc under {cache}, found {found}")
    return found[0]


def check_foreign_cache_entry(ctx):
    """A cached pyc edited (same length) and owned by another user is not
    shipped; the build warns once and compiles in memory. The same edit in
    the user's own entry is what the cache is for (validated by mtime), so
    only ownership and permissions can tell."""
    src = ctx.work / "src"
    src.mkdir()
    (src / "app.py").write_text("print('genuine')\n")
    cache = ctx.work / "cache"
    app = ctx.work / "app"
    H.freeze(ctx.freezer, src / "app.py", app, ["--cache-dir", str(cache)])
    pyc = _cached_pyc(cache, "app")
    pyc.write_bytes(pyc.read_bytes().replace(b"genuine", b"HIJACKD"))
    problems = []
    for what, tamper in [("owned by another user", lambda: os.chown(pyc, 12345, 12345)),
                         ("writable by others", lambda: (os.chown(pyc, os.geteuid(), os.getegid()),
                                                         os.chmod(pyc, 0o666))),
                         ("in a directory writable by others", lambda: (
                             os.chmod(pyc, 0o644), os.chmod(pyc.parent, 0o777)))]:
        tamper()
        res = H.freeze(ctx.freezer, src / "app.py", app, ["--cache-dir", str(cache)])
        out = _run_app(ctx, app)
        if out.stdout != b"genuine\n":
            problems.append(f"a cache entry {what} was shipped:\n" + out.describe())
        if res.stderr.decode().count("compiled in memory") != 1:
            problems.append(f"no single warning for a cache entry {what}:\n" + res.describe())
    os.chmod(pyc.parent, 0o700)
    os.chmod(cache, 0o777)
    res = H.freeze(ctx.freezer, src / "app.py", app, ["--cache-dir", str(cache)])
    if b"not used" not in res.stderr or _run_app(ctx, app).stdout != b"genuine\n":
        problems.append("a cache directory writable by others was used:\n" + res.describe())
    return problems


def check_default_cache_private(ctx):
    """The default build cache is made 0700, so an app with
    --extract-package run by the same user on the build machine accepts the
    shared base as its private cache."""
    home = ctx.work / "home"
    home.mkdir()
    src = ctx.work / "src"
    (src / "pkgx").mkdir(parents=True)
    (src / "pkgx" / "__init__.py").write_text(
        "import os\nHERE = os.path.dirname(__file__)\n")
    (src / "pkgx" / "table.txt").write_text("rows\n")
    (src / "app.py").write_text(
        "import os, pkgx\nprint(open(os.path.join(pkgx.HERE, 'table.txt')).read().strip())\n")
    app = ctx.work / "app"
    env = {"HOME": str(home)}
    res = H.run([str(ctx.freezer), "build", str(src / "app.py"), "-o", str(app),
                 "--extract-package", "pkgx"], cwd=ctx.work, env=env)
    if res.returncode != 0:
        return ["build failed:\n" + res.describe()]
    problems = []
    base = home / ".cache" / "freezer"
    for d in [base, *[p for p in base.rglob("*") if p.is_dir()]]:
        mode = stat.S_IMODE(d.stat().st_mode)
        if mode & 0o077:
            problems.append(f"{d} is mode {mode:o}; the build cache must be 0700")
            break
    out = H.run([str(app)], cwd=ctx.work, env=env)
    if out.returncode != 0 or out.stdout != b"rows\n":
        problems.append("the app refuses the build machine's cache:\n" + out.describe())
    return problems


def check_add_data_reserved(ctx):
    src = ctx.work / "src"
    src.mkdir()
    (src / "app.py").write_text("import json\nprint(json.dumps(1))\n")
    (src / "x.txt").write_text("x\n")
    problems = []
    for dest, needle in [(".freezer", "reserved"), (".freezer/boot", "reserved"),
                         ("json/__init__.pyc", "below the file entry"),
                         ("json/decoder.pyc/sub", "below the file entry")]:
        out = ctx.work / "app"
        problems += _expect_build_refused(
            ctx, [src / "app.py", "-o", out, "--add-data", f"{src / 'x.txt'}:{dest}"],
            f"--add-data x.txt:{dest}", {}, needle)
        if out.exists():
            problems.append(f"--add-data x.txt:{dest}: an output was written")
    return problems


def register(add, Case):
    add(Case("attack.rewired_index", check_rewired_index,
             "an index entry pointed at another module's bytes: verify refuses it"))
    add(Case("attack.payload_offset_zero", check_payload_offset_zero,
             "payload_offset 0 with every CRC and the digest recomputed: verify refuses it"))
    add(Case("attack.uncovered_records", check_uncovered_records,
             "flips in the central directory, end record, index local header: verify refuses"))
    add(Case("attack.digest_is_whole_file", check_digest_is_whole_file,
             "the printed digest is the SHA-256 of all but the last 32 bytes"))
    add(Case("attack.output_is_an_input", check_output_is_an_input,
             "-o/--report the entry, a link to it, a data file, the stub: refused, unchanged"))
    add(Case("attack.stub_with_payload", check_stub_with_payload_refused,
             "an app given as the stub: refused"))
    add(Case("attack.package_symlink_escape", check_package_symlink_escape,
             "package links out of the package: skipped, one warning each"))
    add(Case("attack.foreign_cache_entry", check_foreign_cache_entry,
             "a cached pyc of another user or open to others: not shipped, one warning"))
    add(Case("attack.default_cache_private", check_default_cache_private,
             "the default build cache is 0700 and usable as the app's private cache"))
    add(Case("attack.add_data_reserved", check_add_data_reserved,
             "--add-data into .freezer/ or below a file entry: refused"))
