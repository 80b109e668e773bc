"""How bytecode is stored (issue #16, small by default): what start-up
imports (the imports of the entry's body and theirs, those under `except
ImportError` too) is stored, read in place; modules imported only in
functions or found by discovery are zstd-compressed (zip method 93), and
import exactly as they do under python; `--store-bytecode` stores everything. Outputs are
compared with /usr/bin/python3.11 running the same source."""
from __future__ import annotations

import json

import harness as H
from native_share_checks import _freeze, _python, _same_output

PROGRAM = (
    "import json, sys\n"
    "try:\n"
    "    import csv\n"
    "except ImportError:\n"
    "    csv = None\n"
    "def later():\n"
    "    import email.message\n"
    "    m = email.message.EmailMessage()\n"
    "    m['Subject'] = 'hi'\n"
    "    return m['subject']\n"
    "def optional():\n"
    "    try:\n"
    "        import tomllib\n"
    "    except ImportError:\n"
    "        return None\n"
    "    return tomllib.loads('a = 1')\n"
    "print(json.dumps({'later': later(), 'toml': optional(), 'csv': csv is not None}))\n"
    "print(b'\\xe0\\xe1'.decode(sys.argv[1] if len(sys.argv) > 1 else 'koi8_r'))\n")


def _methods(ctx, app) -> dict[str, str]:
    res = H.run([str(ctx.freezer), "list", str(app), "--json"])
    if res.returncode != 0:
        raise H.CaseFailure("freezer list failed\n" + res.describe())
    return {e["name"]: e["compression"] for e in json.loads(res.stdout) if e["kind"] in ("module", "package")}


def check_later_bytecode_compressed(ctx):
    problems = []
    app = _freeze(ctx, "program", PROGRAM)
    ref = _python(ctx, "program")
    problems += _same_output(ref, H.run([str(app)], stdin=b"\n"), "frozen")
    got = _methods(ctx, app)
    want = {"__main__": "stored", "json": "stored", "json.decoder": "stored", "encodings": "stored",
            "encodings.utf_8": "stored",  # the interpreter's own codec, looked up as it starts
            "csv": "stored",              # under except ImportError at module level: runs
            "email.message": "zstd",      # imported in a function
            "tomllib": "zstd",            # in a function, under except ImportError
            "encodings.koi8_r": "zstd"}   # bundled for run-time lookup
    for name, method in want.items():
        if got.get(name) != method:
            problems.append(f"{name}: stored as {got.get(name)!r}, expected {method!r}")
    stored = _freeze(ctx, "stored", PROGRAM, ["--store-bytecode"])
    problems += _same_output(ref, H.run([str(stored)], stdin=b"\n"), "--store-bytecode")
    not_stored = sorted(n for n, m in _methods(ctx, stored).items() if m != "stored")
    if not_stored:
        problems.append(f"--store-bytecode: compressed anyway: {not_stored[:10]}")
    return problems


def register(add, Case):
    add(Case("bytecode.later_compressed", check_later_bytecode_compressed,
             "bytecode start-up imports is stored, the rest zstd; --store-bytecode stores all"))
