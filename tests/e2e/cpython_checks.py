"""Issue 14, section 2: defects CPython's regression suite showed, each
reduced to a small program compared with python3.11 (frozen in the
glibc-only root). Each failed before its fix."""
from __future__ import annotations

import os

import harness as H
from discovery_checks import _compare, _run_frozen, _stage

# ---------------------------------------------------------------------------
# Defect 1: codecs named at run time (from data, not literals)

CODEC_MAIN = (
    "import sys\n"
    "data = bytes(range(0x80, 0x100))\n"
    "for name in sys.argv[1:]:\n"
    "    try:\n"
    "        text = data.decode(name, 'replace')\n"
    "        print(name, len(text), ascii(text[:12]), text.encode(name, 'replace')[:12])\n"
    "    except LookupError as exc:\n"
    "        print(name, 'LookupError', exc)\n")
RUNTIME_CODECS = ["koi8-r", "shift_jis", "mac-roman", "cp720", "euc-jp", "gb18030", "big5",
                  "iso2022_jp", "euc-kr", "big5hkscs", "cp1251", "hz", "utf-7", "iso8859-7"]


def codecs_named_at_run_time(ctx):
    """Codec names that arrive as data (argv here; HTTP charsets, XML
    declarations, --encoding options in real programs) find their codecs."""
    return _compare(ctx, {"main.py": CODEC_MAIN}, ["main.py"], ["main.py"], RUNTIME_CODECS)


def codecs_exclude_opts_out(ctx):
    """--exclude-module encodings.koi8_r (and a CJK codec's extension) leave
    them out: LookupError, as for a codec that does not exist."""
    src, frozen = _run_frozen(ctx, {"main.py": CODEC_MAIN},
                              ["main.py", "--exclude-module", "encodings.koi8_r",
                               "--exclude-module", "encodings.shift_jis",
                               "--exclude-module", "_codecs_jp", "--force"],
                              ["koi8-r", "shift_jis", "euc-jp", "cp1251"])
    out = frozen.stdout.decode("utf-8", "replace").splitlines()
    problems = []
    want = {"koi8-r": "koi8-r LookupError unknown encoding: koi8-r",
            "shift_jis": "shift_jis LookupError unknown encoding: shift_jis",
            "euc-jp": "euc-jp LookupError unknown encoding: euc-jp"}
    for line, name in zip(out, ["koi8-r", "shift_jis", "euc-jp", "cp1251"]):
        if name in want and line != want[name]:
            problems.append(f"{name}: expected {want[name]!r}, got {line!r}")
        if name == "cp1251" and "LookupError" in line:
            problems.append(f"cp1251 should still be bundled: {line!r}")
    if len(out) != 4 or frozen.returncode != 0:
        problems.append("expected 4 lines and status 0\n" + frozen.describe())
    return problems


# ---------------------------------------------------------------------------
# Defect 2: data directories without __init__.py inside a package

DATA_PKG = {
    "pkg/__init__.py": "",
    "pkg/core.py": "VALUE = 1\n",
    "pkg/data/x.txt": "data of pkg\n",
    "pkg/data/more/y.txt": "deeper data\n",
    "pkg/templates/page.html": "<p>{{ x }}</p>\n",
}
DATA_MAIN = ("import importlib.resources, pkg\n"
             "root = importlib.resources.files('pkg')\n"
             "print(root.joinpath('data/x.txt').read_text(), end='')\n"
             "print(root.joinpath('data', 'more', 'y.txt').read_text(), end='')\n"
             "print(root.joinpath('templates/page.html').read_text(), end='')\n")


def data_dir_include_package(ctx):
    return _compare(ctx, dict(DATA_PKG, **{"main.py": DATA_MAIN}),
                    ["main.py", "--include-package", "pkg"], ["main.py"])


def data_dir_namespace_import(ctx):
    """The data directory imported as a namespace package (importlib.resources
    .files('pkg.data') does that)."""
    main = ("import importlib.resources, pkg.data\n"
            "print(pkg.data.__name__, len(list(pkg.data.__path__)))\n"
            "print(importlib.resources.files('pkg.data').joinpath('x.txt').read_text(), end='')\n"
            "print(sorted(p.name for p in importlib.resources.files('pkg.data').iterdir()))\n")
    return _compare(ctx, dict(DATA_PKG, **{"main.py": main}), ["main.py"], ["main.py"])


def stdlib_data_next_to_file(ctx):
    """A package of the interpreter's library that reads its data next to
    __file__ (CPython's test suite: regrtest lists its directory, test_email
    opens data/msg_01.txt) gets its data on disk, as a third-party one does."""
    main = ("import os, test.test_email\n"
            "with test.test_email.openfile('msg_01.txt') as f:\n"
            "    print(f.readline().strip())\n"
            "from test.libregrtest.runtest import findtests\n"
            "print('test_email' in findtests())\n")
    return _compare(ctx, {"main.py": main}, ["main.py"], ["main.py"])


# ---------------------------------------------------------------------------
# Defect 3: a module that does not compile

BROKEN = {
    "legacy.py": "import os\n\nprint 'python 2'\n",
    "pk/__init__.py": "",
    "pk/good.py": "OK = 'good'\n",
    "pk/indent.py": "def f():\n        x = 1\n    y = 2\n",
    "pk/tabs.py": "if True:\n\tx = 1\n        y = 2\n",
}
BROKEN_MAIN = (
    "import os, pk.good\n"
    "def late(name):\n"
    "    import importlib\n"
    "    try:\n"
    "        importlib.import_module(name)\n"
    "    except SyntaxError as e:\n"
    "        print(name, type(e).__name__, e.msg, e.lineno, e.offset, repr(e.text),\n"
    "              e.end_lineno, e.end_offset, os.path.relpath(e.filename, HERE), e.args[0])\n"
    "HERE = os.path.dirname(os.path.abspath(pk.__file__ + '/..'))\n"
    "def use_legacy():\n"
    "    import legacy\n"
    "print(pk.good.OK)\n"
    "for name in ('legacy', 'pk.indent', 'pk.tabs', 'legacy'):\n"
    "    late(name)\n")


def uncompilable_module(ctx):
    """legacy.py (imported in a function) and pk's broken modules (through
    --include-package) are left out with a warning naming file:line; importing
    them raises the SyntaxError python raises."""
    files = dict(BROKEN, **{"main.py": BROKEN_MAIN})
    problems = _compare(ctx, files, ["main.py", "--include-package", "pk"], ["main.py"])
    res = H.run([str(ctx.freezer), "build", "main.py", "--include-package", "pk", "-o",
                 str(ctx.work / "app-warn")], cwd=ctx.work / "src")
    err = res.stderr.decode("utf-8", "replace")
    for where in ("legacy.py:3:", "pk/indent.py:3:", "pk/tabs.py:3:"):
        if where not in err:
            problems.append(f"the build's warnings do not name {where}\n" + res.describe())
    return problems


def uncompilable_is_error(ctx):
    """Errors: the entry itself, a module imported at the top level, --strict."""
    src = _stage(ctx, dict(BROKEN, **{
        "main.py": "def f():\n    import legacy\n",
        "top.py": "import legacy\n",
        "bad_entry.py": "print 'x'\n"}))
    problems = []
    for what, build, needle in [
            ("the entry", ["bad_entry.py"], "bad_entry.py:1:"),
            ("a top-level import", ["top.py"], "legacy.py:3:"),
            ("--strict", ["main.py", "--strict"], "legacy.py:3:"),
            ("-m of a broken module", ["-m", "legacy"], "legacy.py:3:")]:
        res = H.run([str(ctx.freezer), "build", *build, "-o", str(ctx.work / "out")], cwd=src)
        problems += H.check_one_line_error(res, must_start="freezer: error: ", what=what)
        if needle not in res.stderr.decode("utf-8", "replace"):
            problems.append(f"{what}: the error does not name {needle}\n" + res.describe())
        if (ctx.work / "out").exists():
            problems.append(f"{what}: an app was written")
            os.unlink(ctx.work / "out")
    return problems


# ---------------------------------------------------------------------------
# Defect 6: importlib.resources paths from the payload, as pathlib.Path

RESOURCE_MAIN = r'''
import importlib.resources, io, res
p = importlib.resources.files('res') / 'latin.txt'
def show(what, f):
    try:
        value = f()
        if hasattr(value, 'read'):
            with value as stream:
                value = (type(stream).__name__ in ('BytesIO', 'BufferedReader', 'FileIO'), stream.read())
        print(what, ascii(value))
    except Exception as exc:
        print(what, type(exc).__name__, exc)
show('read_text(encoding=latin-1)', lambda: p.read_text(encoding='latin-1'))
show('read_text(utf-8, replace)', lambda: p.read_text('utf-8', 'replace'))
show('read_text(errors=ignore)', lambda: p.read_text(encoding='utf-8', errors='ignore'))
show('read_text(strict)', lambda: p.read_text('utf-8'))
show('read_bytes', lambda: p.read_bytes())
show('open rb', lambda: p.open('rb'))
show('open rb buffering=0', lambda: p.open('rb', 0))
show('open r newline=""', lambda: p.open('r', encoding='latin-1', newline=''))
show('open r newline=None', lambda: p.open('r', -1, 'latin-1', 'strict', None))
show('open mode=rt', lambda: p.open(mode='rt', encoding='latin-1', errors='replace'))
show('open r buffering=1', lambda: p.open('r', 1, encoding='latin-1'))
show('open rb encoding', lambda: p.open('rb', encoding='utf-8'))
show('open rb errors', lambda: p.open('rb', errors='strict'))
show('open rb newline', lambda: p.open('rb', newline=''))
show('open r buffering=0', lambda: p.open('r', 0))
show('open rtb', lambda: p.open('rtb'))
show('open rr', lambda: p.open('rr'))
show('open z', lambda: p.open('z'))
show('open bad newline', lambda: p.open('r', newline='x'))
'''


def resources_pathlib_signatures(ctx):
    files = {"main.py": RESOURCE_MAIN, "res/__init__.py": "",
             "res/latin.txt": b"caf\xe9\r\nna\xefve\n".decode("latin-1")}
    src = _stage(ctx, {k: v for k, v in files.items() if k != "res/latin.txt"})
    (src / "res/latin.txt").write_bytes(b"caf\xe9\r\nna\xefve\n")
    return _compare(ctx, {}, ["main.py"], ["main.py"])


def register(add, Case):
    for name, fn, doc in [
        ("codecs_named_at_run_time", codecs_named_at_run_time,
         "codecs named at run time (koi8-r, shift_jis, mac-roman, cp720...) are bundled (defect 1)"),
        ("codecs_exclude_opts_out", codecs_exclude_opts_out,
         "--exclude-module leaves a codec out (defect 1)"),
        ("data_dir_include_package", data_dir_include_package,
         "a data directory without __init__.py with --include-package (defect 2)"),
        ("data_dir_namespace_import", data_dir_namespace_import,
         "a data directory imported as a namespace package (defect 2)"),
        ("stdlib_data_next_to_file", stdlib_data_next_to_file,
         "a standard-library package that reads data next to __file__ has it on disk (harness)"),
        ("uncompilable_module", uncompilable_module,
         "a module that does not compile: warning, left out, same SyntaxError (defect 3)"),
        ("uncompilable_is_error", uncompilable_is_error,
         "the entry, a top-level import, --strict: a module that does not compile is an error (defect 3)"),
        ("resources_pathlib_signatures", resources_pathlib_signatures,
         "importlib.resources paths take pathlib.Path's arguments (defect 6)"),
    ]:
        add(Case(f"cpython.{name}", fn, doc))
