"""Cases that are not python comparisons: strace, unzip, `freezer list`,
and bad input (build errors, bare stub, truncated and corrupted apps)."""
from __future__ import annotations

import json
import os
import re
import shutil
import struct
import zipfile
from pathlib import Path

import harness as H

HELLO_ARGS = ["strace", "check"]
HELLO_STDOUT = (b"hello, strace check!\n2 argument(s)\n"
                b"  argv[1] = 'strace'\n  argv[2] = 'check'\n")


def _build_hello(ctx, options=()):
    from cases import stage_source
    script = stage_source(ctx, H.SAMPLES / "hello")
    app = ctx.work / "app"
    H.freeze(ctx.freezer, script, app, options)
    return app


def _run_app(ctx, app, args=(), **kw):
    """Runs an app directly on the host (not in the root)."""
    return H.run([str(app), *args], cwd=ctx.work, **kw)


def _require_intact(ctx, app):
    res = _run_app(ctx, app, HELLO_ARGS)
    if res.returncode != 0 or res.stdout != HELLO_STDOUT:
        raise H.CaseFailure("the intact hello app does not work, so damage cannot be judged:\n"
                            + res.describe())


# ---------------------------------------------------------------------------
# (a) no .py/.pyc opened at run time

OPEN_RE = re.compile(r'\bopen(?:at2?)?\([^"]*"((?:[^"\\]|\\.)*)"')
FORBIDDEN_RE = re.compile(r'(\.py[cow]?|\.pth)$|/__pycache__(/|$)|^/usr/(local/)?lib/python3')


def check_strace(ctx):
    strace = shutil.which("strace", path="/usr/bin:/bin")
    if not strace:
        raise H.HarnessError("strace is not installed (/usr/bin/strace)")
    app = _build_hello(ctx)
    log = ctx.work / "strace.log"
    # On the host, where /usr/lib/python3.11 exists, any disk fallback shows.
    res = H.run([strace, "-f", "-qq", "-o", str(log), "-e", "trace=open,openat,openat2",
                 str(app), *HELLO_ARGS], cwd=ctx.work)
    problems = []
    if res.returncode != 0 or res.stdout != HELLO_STDOUT:
        problems.append("the frozen hello did not run correctly under strace:\n" + res.describe())
    if not log.exists():
        return problems + ["strace wrote no log"]
    opened = []
    for line in log.read_text(errors="replace").splitlines():
        m = OPEN_RE.search(line)
        if m:
            opened.append((m.group(1), line))
    if not opened:
        problems.append("strace recorded no open/openat at all; the trace is not usable")
    bad = [line for path, line in opened if FORBIDDEN_RE.search(path)]
    if bad:
        problems.append(f"the frozen app opened {len(bad)} Python source/bytecode/stdlib "
                        "path(s) from disk at run time:\n" + "\n".join(bad[:50]))
    return problems


# ---------------------------------------------------------------------------
# (b) the payload is a valid zip


def check_unzip(ctx):
    unzip = shutil.which("unzip", path="/usr/bin:/bin")
    if not unzip:
        raise H.HarnessError("unzip is not installed (/usr/bin/unzip)")
    app = _build_hello(ctx)
    problems = []
    res = H.run([unzip, "-l", str(app)], cwd=ctx.work)
    if res.returncode != 0:
        problems.append("`unzip -l app` failed (warnings count: status must be 0):\n"
                        + res.describe())
    listing = res.stdout.decode(errors="replace")
    names = set()
    for line in listing.splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[0].isdigit():
            names.add(parts[-1])
    for want in ("encodings/__init__.pyc", "encodings/utf_8.pyc"):
        if want not in names:
            problems.append(f"`unzip -l app` does not list {want}")
    if not any(re.search(r"(^|/)(hello|__main__)\.pyc$", n) for n in names):
        problems.append("`unzip -l app` lists no member for the script (hello.pyc or __main__.pyc)")
    # Native members are zstd (method 93), and so is the bytecode start-up
    # does not import (bytecode.later_compressed), which Debian's unzip 6.0
    # lists but cannot test (`freezer verify` checks them:
    # native.members_compressed); every other member it tests, the start-up
    # bytecode among them.
    res_v = H.run([unzip, "-lv", str(app)], cwd=ctx.work)
    zstd = [line.split()[-1] for line in res_v.stdout.decode(errors="replace").splitlines()
            if len(line.split()) == 8 and line.split()[1] == "Unk:093"]
    odd = [n for n in zstd if not re.search(r"(\.so(\.|$)|\.pyc$)", n)]
    odd += [n for n in ("encodings/__init__.pyc", "encodings/utf_8.pyc", "hello.pyc", "__main__.pyc") if n in zstd]
    if odd:
        problems.append(f"`unzip -lv app`: zstd members other than native code and later bytecode: {odd}")
    res_t = H.run([unzip, "-tq", str(app), *(["-x", *zstd] if zstd else [])], cwd=ctx.work)
    if res_t.returncode != 0:
        problems.append("`unzip -tq app` (CRC test of every member but the zstd ones) failed:\n"
                        + res_t.describe())
    if problems:
        problems.append("unzip -l output:\n" + H.indent(listing[:6000]))
    return problems


# ---------------------------------------------------------------------------
# (c) freezer list


def _tokens(line):
    return [t for t in re.split(r"[\s|,]+", line) if t]


def check_list(ctx):
    app = _build_hello(ctx)
    res = H.run([str(ctx.freezer), "list", str(app)], cwd=ctx.work)
    problems = []
    if res.returncode != 0:
        return [f"`freezer list app` failed:\n{res.describe()}"]
    lines = res.stdout.decode(errors="replace").splitlines()
    for want in ("encodings", "__main__"):
        rows = [l for l in lines if want in _tokens(l)]
        if not rows:
            problems.append(f"`freezer list app` has no row for module {want!r}")
        elif not any(len(re.findall(r"\b\d+\b", r)) >= 2 for r in rows):
            problems.append(f"`freezer list app` row for {want!r} shows no stored size and size: "
                            f"{rows[0]!r}")
    if problems:
        problems.append(res.describe())
    return problems


def _json_rows(doc):
    """Every dict with a "name" key, wherever it sits in the document."""
    if isinstance(doc, dict):
        if "name" in doc:
            yield doc
        for v in doc.values():
            yield from _json_rows(v)
    elif isinstance(doc, list):
        for v in doc:
            yield from _json_rows(v)


def check_list_json(ctx):
    app = _build_hello(ctx)
    res = H.run([str(ctx.freezer), "list", str(app), "--json"], cwd=ctx.work)
    if res.returncode != 0:
        return [f"`freezer list app --json` failed:\n{res.describe()}"]
    try:
        doc = json.loads(res.stdout)
    except ValueError as exc:
        return [f"`freezer list app --json` is not JSON: {exc}\n{res.describe()}"]
    rows = list(_json_rows(doc))
    problems = []
    if not rows:
        problems.append("no objects with a \"name\" key in the JSON")
    names = {r.get("name") for r in rows}
    for want in ("encodings", "__main__"):
        if want not in names:
            problems.append(f"JSON lists no row named {want!r}")
    for r in rows:
        ints = [k for k, v in r.items() if isinstance(v, int) and not isinstance(v, bool)]
        if "kind" not in r or len(ints) < 2:
            problems.append(f"row lacks kind / stored size / size: {r!r}")
            break
    if problems:
        problems.append(res.describe())
    return problems


# ---------------------------------------------------------------------------
# (d) bad input to the freezer


def _dir_state(d: Path):
    return sorted((p.name, p.is_dir(), p.read_bytes() if p.is_file() else None)
                  for p in d.iterdir())


def check_missing_script(ctx):
    out = ctx.work / "out" / "app"
    out.parent.mkdir()
    res = H.run([str(ctx.freezer), "build", str(ctx.work / "no_such_script.py"), "-o", str(out)],
                cwd=ctx.work)
    problems = H.check_one_line_error(res, must_start="freezer: error:",
                                      what="freezer build <missing script>")
    if os.listdir(out.parent):
        problems.append(f"files left in the output directory: {os.listdir(out.parent)}")
    return problems


SYNTAX_SOURCE = 'import sys\n\n\ndef broken(a, b:\n    return a + b\n\nprint("never")\n'


def _syntax_case(ctx, existing: bytes | None):
    script = ctx.work / "bad_syntax.py"
    script.write_text(SYNTAX_SOURCE)
    try:
        compile(SYNTAX_SOURCE, str(script), "exec")
        raise H.HarnessError("SYNTAX_SOURCE compiles; the case is wrong")
    except SyntaxError as exc:
        lineno, offset, msg = exc.lineno, exc.offset, exc.msg
    outdir = ctx.work / "out"
    outdir.mkdir()
    out = outdir / "app"
    if existing is not None:
        out.write_bytes(existing)
        os.chmod(out, 0o755)
    before = _dir_state(outdir)
    res = H.run([str(ctx.freezer), "build", str(script), "-o", str(out)], cwd=ctx.work)
    problems = H.check_one_line_error(res, must_start="freezer: error:",
                                      what="freezer build <syntax error>")
    line = H.stderr_lines(res)[0] if H.stderr_lines(res) else ""
    m = re.search(r"(\S*bad_syntax\.py):(\d+):(\d+): (.+)$", line)
    want = f"bad_syntax.py:{lineno}:{offset}: {msg}"
    if not m:
        problems.append(f"stderr does not show file:line:col: message (python says {want!r}): "
                        f"{line!r}")
    else:
        if (int(m.group(2)), int(m.group(3))) != (lineno, offset):
            problems.append(f"wrong position: {m.group(2)}:{m.group(3)}, python3.11 says "
                            f"{lineno}:{offset} (1-based column)")
        if msg not in m.group(4):
            problems.append(f"message {m.group(4)!r} does not contain python's {msg!r}")
    after = _dir_state(outdir)
    if existing is None and after:
        problems.append(f"output directory not empty after a failed build: "
                        f"{[n for n, _, _ in after]}")
    elif existing is not None:
        if not out.is_file() or out.read_bytes() != existing:
            problems.append("the existing output file was modified by a failed build")
        if after != before:
            problems.append(f"output directory changed: before {[n for n, _, _ in before]}, "
                            f"after {[n for n, _, _ in after]}")
    return problems


def check_syntax_error(ctx):
    return _syntax_case(ctx, None)


def check_syntax_error_keeps_output(ctx):
    return _syntax_case(ctx, b"#!/bin/sh\necho previous app, must survive\n" + bytes(range(256)))


def check_output_under_file(ctx):
    script = H.SAMPLES / "hello" / "hello.py"
    res = H.run([str(ctx.freezer), "build", str(script), "-o", "/dev/null/app"], cwd=ctx.work)
    return H.check_one_line_error(res, must_start="freezer: error:",
                                  what="freezer build -o /dev/null/app")


def check_output_is_directory(ctx):
    script = H.SAMPLES / "hello" / "hello.py"
    target = ctx.work / "a_directory"
    target.mkdir()
    (target / "keep").write_text("keep\n")
    res = H.run([str(ctx.freezer), "build", str(script), "-o", str(target)], cwd=ctx.work)
    problems = H.check_one_line_error(res, must_start="freezer: error:",
                                      what="freezer build -o <existing directory>")
    if not target.is_dir() or (target / "keep").read_text() != "keep\n":
        problems.append("the existing directory given as -o was damaged")
    leftovers = sorted(set(os.listdir(ctx.work)) - {"a_directory"})
    if leftovers:
        problems.append(f"files left beside the output: {leftovers}")
    return problems


def check_list_not_an_app(ctx):
    if not ctx.stub.is_file():
        raise H.CaseFailure(f"freezer-stub not found at {ctx.stub}")
    res = H.run([str(ctx.freezer), "list", str(ctx.stub)], cwd=ctx.work)
    return H.check_one_line_error(res, must_start="freezer: error:",
                                  what="freezer list <bare stub>")


# ---------------------------------------------------------------------------
# (d) damaged apps: one line mentioning "payload", a status, never a signal


def check_bare_stub(ctx):
    if not ctx.stub.is_file():
        raise H.CaseFailure(f"freezer-stub not found at {ctx.stub}")
    res = H.run([str(ctx.stub), "arg"], cwd=ctx.work)
    problems = H.check_one_line_error(res, must_contain="payload", what="bare freezer-stub")
    return problems + _core_files(ctx)


def _core_files(ctx):
    cores = [p.name for p in ctx.work.iterdir() if p.name.startswith("core")]
    return [f"core file(s) written: {cores}"] if cores else []


TRAILER = struct.Struct("<8sIIQQQIIIIII32s")  # archive/payload_format.h: Trailer (format 2)


def _trailer(data: bytes):
    if len(data) < TRAILER.size:
        raise H.CaseFailure("app shorter than a trailer")
    (magic, version, pymagic, payload_offset, payload_size, index_offset, index_size,
     index_crc, count, flags, reserved, crc, digest) = TRAILER.unpack_from(data, len(data) - TRAILER.size)
    if magic != b"FRZTRAIL":
        raise H.CaseFailure(f"no FRZTRAIL trailer at the end of the app (got {magic!r}); the "
                            "harness follows archive/payload_format.h")
    return dict(payload_offset=payload_offset, payload_size=payload_size,
                index_offset=index_offset, index_size=index_size)


def _member_data_offset(app: Path, names) -> tuple[str, int, int]:
    with zipfile.ZipFile(app) as zf:
        infos = {i.filename: i for i in zf.infolist()}
    for name in names:
        info = infos.get(name)
        if info is None:
            continue
        with open(app, "rb") as f:
            f.seek(info.header_offset)
            hdr = f.read(30)
        if hdr[:4] != b"PK\x03\x04":
            raise H.CaseFailure(f"no local header for {name} at {info.header_offset}")
        n, e = struct.unpack_from("<HH", hdr, 26)
        return name, info.header_offset + 30 + n + e, info.compress_size
    raise H.CaseFailure(f"none of {names} in the app's zip (members: {sorted(infos)[:20]}...)")


def _judge_damaged(ctx, app: Path, what: str):
    res = _run_app(ctx, app, HELLO_ARGS)
    return H.check_one_line_error(res, must_contain="payload", what=what) + _core_files(ctx)


def truncate_case(amount):
    def run(ctx):
        app = _build_hello(ctx)
        _require_intact(ctx, app)
        data = app.read_bytes()
        payload_size = _trailer(data)["payload_size"]
        if amount == "half":
            # Half the file when that stays inside the payload; otherwise half
            # the payload (cutting into the stub's ELF image is the kernel's
            # business, not the payload reader's).
            cut = len(data) // 2 if len(data) // 2 <= payload_size else payload_size // 2
            label = (f"half the file ({cut} of {len(data)} bytes)" if cut == len(data) // 2
                     else f"half the payload ({cut} bytes; payload {payload_size} of "
                          f"{len(data)} bytes)")
        else:
            cut, label = amount, f"{amount} byte(s)"
        bad = ctx.work / "truncated_app"
        bad.write_bytes(data[:len(data) - cut])
        os.chmod(bad, 0o755)
        return _judge_damaged(ctx, bad, f"app truncated by {label}")
    return run


def flip_case(where):
    def run(ctx):
        app = _build_hello(ctx)
        _require_intact(ctx, app)
        data = bytearray(app.read_bytes())
        t = _trailer(bytes(data))
        end = len(data)
        if where == "trailer_magic":
            pos = end - TRAILER.size + 3
        elif where == "trailer_payload_offset":
            pos = end - TRAILER.size + 16
        elif where == "trailer_index_offset":
            pos = end - TRAILER.size + 32
        elif where == "trailer_crc":
            pos = end - TRAILER.size + 63  # the CRC field (the digest after it is not read at start)
        elif where == "index_header":
            pos = t["index_offset"]
        elif where == "index_entries":
            pos = t["index_offset"] + 16 + 32 + 8  # second entry's stored_size (format 2 header)
        elif where == "main_module":
            name, off, size = _member_data_offset(app, ["__main__.pyc", "hello.pyc"])
            pos = off + size // 2
        elif where == "encodings_module":
            name, off, size = _member_data_offset(app, ["encodings/__init__.pyc"])
            pos = off + size // 2
        else:
            raise H.HarnessError(f"unknown flip position {where}")
        if not t["payload_offset"] <= pos < end:
            raise H.HarnessError(f"flip position {pos} outside the payload")
        data[pos] ^= 0xFF
        bad = ctx.work / "flipped_app"
        bad.write_bytes(bytes(data))
        os.chmod(bad, 0o755)
        return _judge_damaged(ctx, bad, f"app with the byte at {pos} ({where}) flipped")
    return run


def register(add, Case):
    add(Case("check.strace_no_py_opened", check_strace,
             "strace -f: the frozen hello opens no .py/.pyc/.pth or stdlib path"))
    add(Case("check.unzip", check_unzip, "unzip -l / -t accept the app and list its members"))
    add(Case("check.list", check_list, "freezer list shows encodings and __main__"))
    add(Case("check.list_json", check_list_json, "freezer list --json parses"))
    add(Case("bad.missing_script", check_missing_script, "freezer build of a missing script"))
    add(Case("bad.syntax_error", check_syntax_error, "syntax error: file:line:col, no output"))
    add(Case("bad.syntax_error_keeps_output", check_syntax_error_keeps_output,
             "syntax error leaves an existing output untouched"))
    add(Case("bad.output_under_file", check_output_under_file, "-o /dev/null/app"))
    add(Case("bad.output_is_directory", check_output_is_directory, "-o <directory>"))
    add(Case("bad.list_not_an_app", check_list_not_an_app, "freezer list <bare stub>"))
    add(Case("bad.bare_stub", check_bare_stub, "running freezer-stub with no payload"))
    for amount in (1, 100, "half"):
        add(Case(f"bad.truncate_{amount}", truncate_case(amount), f"app truncated by {amount}"))
    for where in ("trailer_magic", "trailer_payload_offset", "trailer_index_offset",
                  "trailer_crc", "index_header", "index_entries", "main_module",
                  "encodings_module"):
        add(Case(f"bad.flip_{where}", flip_case(where), f"app with a byte flipped: {where}"))
