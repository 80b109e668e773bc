"""Issue 17, a first freeze that just works: a new user's command lines and
what they get. Outputs and names (missing -o directories, the default
dist/NAME, the `wrote` line, -q, --version), a CLI that helps (did you
mean, other bundlers' flags, --entry and --exclude-module checked,
--hidden-import globs, --include-distribution, --debug-imports), and
projects (no [tool.freezer], parent directories, src/ layouts, `init`
with no argument)."""
from __future__ import annotations

import os
import re
import stat
import subprocess
import zipfile
from pathlib import Path

import harness as H

HELLO = "import sys\nprint('hello', sys.argv[1:])\n"
WROTE = re.compile(r"^freezer: wrote (\S+) \(\d+(\.\d+)? [kMG]?B\) in \d+\.\d\d s$")
ENV = {"HOME": "/nonexistent", "NO_COLOR": "1"}


def _freezer(ctx, *argv, cwd=None):
    return H.run([str(ctx.freezer), *map(str, argv)], cwd=cwd or ctx.work, env=ENV)


def _lines(res):
    return res.stderr.decode(errors="replace").splitlines()


def _write(root: Path, files: dict) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def _runs(app: Path, want: bytes, what: str, *args, env=None) -> list:
    res = H.run([str(app), *args], cwd=app.parent, env=env)
    if res.returncode != 0 or res.stdout != want:
        return [f"{what}: the app does not print {want!r}\n" + res.describe()]
    return []


# ---------------------------------------------------------------------------
# Outputs and names


def output_dirs(ctx):
    """-o dist/sub/app creates the directories (0755, like mkdir -p); an -o
    that cannot be written is one error line before the scan (a script
    with a missing import would warn otherwise)."""
    _write(ctx.work, {"app.py": HELLO, "broken.py": "import fx_not_there\n", "afile": "x"})
    problems = []
    res = _freezer(ctx, "build", "app.py", "-o", "out/sub/app")
    app = ctx.work / "out" / "sub" / "app"
    if res.returncode != 0 or not app.is_file():
        return ["-o out/sub/app with no out/ did not build\n" + res.describe()]
    for d in (ctx.work / "out", ctx.work / "out" / "sub"):
        mode = stat.S_IMODE(d.stat().st_mode)
        if mode != 0o755:
            problems.append(f"{d} was created with mode {mode:o}, not 755 (mkdir -p under umask 022)")
    problems += _runs(app, b"hello ['x']\n", "out/sub/app", "x")
    for out, why in [("afile/app", "'afile' is not a directory"), ("out", "is a directory"),
                     ("out/", "names a directory")]:
        res = _freezer(ctx, "build", "broken.py", "-o", out)
        problems += H.check_one_line_error(res, what=f"-o {out}",
                                           must_start=f"freezer: error: -o '{out}': {why}")
    res = _freezer(ctx, "build", "broken.py", "-o", "app2", "--report", "afile/r.json")
    problems += H.check_one_line_error(res, what="--report under a file",
                                       must_start="freezer: error: --report 'afile/r.json': ")
    if (ctx.work / "app2").exists():
        problems.append("an app was written though --report could not be")
    return problems


def default_output(ctx):
    """The default output is dist/NAME: the script's stem, the top-level
    package of -m and --entry (never a file 'todo.cli', never the package
    directory itself); every build says where it wrote."""
    _write(ctx.work, {"app.py": HELLO, "greet/__init__.py": "",
                      "greet/__main__.py": "print('greet ran')\n",
                      "todo/__init__.py": "", "todo/cli.py": "def main():\n    print('todo ran')\n"})
    problems = []
    for argv, name, want in [(["app.py"], "app", b"hello []\n"), (["-m", "greet"], "greet", b"greet ran\n"),
                             (["-m", "greet.__main__"], "greet", b"greet ran\n"),
                             (["--entry", "todo.cli:main"], "todo", b"todo ran\n")]:
        res = _freezer(ctx, "build", *argv)
        lines = _lines(res)
        app = ctx.work / "dist" / name
        if res.returncode != 0 or not app.is_file():
            problems.append(f"build {' '.join(argv)} did not write dist/{name}\n" + res.describe())
            continue
        if len(lines) != 1 or not WROTE.match(lines[0]) or WROTE.match(lines[0]).group(1) != f"dist/{name}":
            problems.append(f"build {' '.join(argv)}: stderr is not one `freezer: wrote dist/{name} "
                            "(SIZE) in TIME` line\n" + res.describe())
        problems += _runs(app, want, f"dist/{name}")
    if (ctx.work / "todo.cli").exists():
        problems.append("--entry todo.cli:main wrote a file named todo.cli")
    return problems


QUIET_MAIN = "import fxlib\ntry:\n    import fx_own_missing\nexcept Exception:\n    pass\n" \
             "import fx_own_top\n"


def quiet_and_library_warnings(ctx):
    """Off a terminal a build prints its warnings and one `wrote` line; -q
    leaves out the warnings about third-party code (a venv library's missing
    import) and the `wrote` line, not the program's own."""
    src = ctx.work / "src"
    site = ctx.work / "venv" / "lib" / "python3.11" / "site-packages"
    _write(src, {"main.py": "import fxlib\nimport fx_own_top\n"})
    _write(site, {"fxlib/__init__.py": "import fx_lib_missing\n"})
    problems = []
    res = _freezer(ctx, "build", "main.py", "--venv", ctx.work / "venv", "-o", ctx.work / "app", cwd=src)
    lines = _lines(res)
    if res.returncode != 0 or not lines or not WROTE.match(lines[-1]):
        problems.append("the build's last line is not `freezer: wrote ...`\n" + res.describe())
    if not any("fx_lib_missing" in l for l in lines) or not any("fx_own_top" in l for l in lines):
        problems.append("without -q, both missing imports are warned about\n" + res.describe())
    res = _freezer(ctx, "build", "main.py", "--venv", ctx.work / "venv", "-o", ctx.work / "app", "-q", cwd=src)
    lines = _lines(res)
    want = ["freezer: warning: main.py:2: module 'fx_own_top' not found (top-level import in '__main__')",
            "freezer: warning: 2 modules not found (2 imported at top level, 0 delayed); 1 of them by the "
            "program's own code: 'fx_own_top'"]
    problems += H.expect_equal_text("\n".join(want) + "\n", res.stderr.decode(), "-q stderr")
    if res.returncode != 0:
        problems.append("-q build failed\n" + res.describe())
    _write(src, {"clean.py": HELLO})
    res = _freezer(ctx, "build", "clean.py", "-o", ctx.work / "clean", "-q", cwd=src)
    if res.returncode != 0 or res.stderr:
        problems.append("-q on a clean build prints nothing\n" + res.describe())
    return problems


def _stub_glibc_floor(stub: Path) -> str:
    """The newest GLIBC_x.y the stub's version needs name (readelf -V)."""
    out = subprocess.run(["readelf", "-V", "--wide", str(stub)], capture_output=True, text=True,
                         check=True).stdout
    needs = out[out.find("Version needs section"):]
    versions = {tuple(map(int, m.groups())) for m in re.finditer(r"Name: GLIBC_(\d+)\.(\d+)", needs)}
    if not versions:
        raise H.HarnessError(f"readelf -V shows no GLIBC_ version needs in {stub}")
    return "%d.%d" % max(versions)


def version(ctx):
    """freezer --version: the freezer's version, the Python it freezes for,
    and the glibc floor read from the stub it would use."""
    res = _freezer(ctx, "--version")
    text = res.stdout.decode()
    problems = []
    if res.returncode != 0 or res.stderr:
        problems.append("--version failed\n" + res.describe())
    lines = text.splitlines()
    if not lines or not re.fullmatch(r"freezer \d+\.\d+\.\d+", lines[0]):
        problems.append("the first line is not `freezer X.Y.Z`\n" + res.describe())
    py = subprocess.run([H.PYTHON, "-c", "import platform; print(platform.python_version())"],
                        capture_output=True, text=True).stdout.strip()
    if f"freezes for Python {py} " not in text:
        problems.append(f"--version does not say it freezes for Python {py}\n" + res.describe())
    stub = Path(os.path.realpath(ctx.freezer.parent / "freezer-stub"))
    floor = _stub_glibc_floor(stub)
    if f"apps need glibc >= {floor})" not in text:
        problems.append(f"--version does not give the stub's glibc floor {floor}\n" + res.describe())
    return problems


# ---------------------------------------------------------------------------
# The CLI helps


FOREIGN = ["--name", "--onefile", "--onedir", "--clean", "--log-level", "--debug", "--collect-all",
           "--collect-submodules", "--copy-metadata", "--strip", "--upx-dir", "--standalone",
           "--output-filename", "-F", "-n"]


def cli_hints(ctx):
    """Unknown subcommands and options get "did you mean"; PyInstaller's and
    Nuitka's common flags one line saying the freezer way; nothing is built."""
    _write(ctx.work, {"app.py": HELLO})
    problems = []
    for argv, start in [
            (["biuld", "app.py"], "freezer: error: unknown subcommand 'biuld'; did you mean 'build'?"),
            (["frobnicate"], "freezer: error: unknown subcommand 'frobnicate' (one of: build"),
            (["build", "app.py", "--outptu", "x"], "freezer: error: unknown option '--outptu'; did you "
                                                   "mean '--output'?"),
            (["build", "app.py", "--hiden-import=x"], "freezer: error: unknown option '--hiden-import'; "
                                                      "did you mean '--hidden-import'?"),
            (["list", "app", "--josn"], "freezer: error: unknown option '--josn'; did you mean '--json'?"),
    ]:
        res = _freezer(ctx, *argv)
        problems += H.check_one_line_error(res, what=" ".join(argv), must_start=start)
    for flag in FOREIGN:
        value = ["imports"] if flag == "--debug" else ["x"] if flag in (
            "--name", "-n", "--log-level", "--collect-all", "--collect-submodules", "--copy-metadata",
            "--upx-dir", "--output-filename") else []
        argv = ["build", "app.py", flag if flag != "--debug" else "--debug=imports", *value]
        res = _freezer(ctx, *argv)
        problems += H.check_one_line_error(res, what=" ".join(argv),
                                           must_start=f"freezer: error: {flag} is another bundler's flag: ")
    for way in [("--onefile", "always writes one file"), ("--name", "-o dist/NAME"),
                ("--debug", "--debug-imports"), ("--collect-all", "--include-package")]:
        res = _freezer(ctx, "build", "app.py", way[0], *(["x"] if way[0] in ("--name", "--collect-all") else []))
        if way[1] not in res.stderr.decode():
            problems.append(f"{way[0]}: the line does not say {way[1]!r}\n" + res.describe())
    if (ctx.work / "dist").exists():
        problems.append("a refused command line wrote dist/")
    # Still parsed as before: values that look like options, -- and a subcommand's subcommand.
    res = _freezer(ctx, "build", "app.py", "--warnings", "-Wignore", "-o", "ok")
    if res.returncode != 0:
        problems.append("a value after a known option was taken for an option\n" + res.describe())
    return problems


ENTRY_MAIN = "import sys\ndef main():\n    print('main ran')\n"


def entry_and_excludes(ctx):
    """--entry app:mian is refused at build time with the likely name;
    --exclude-module of a module nothing imports warns "never imported",
    of one a bundled module imports at top level, with the importer."""
    _write(ctx.work, {"app.py": ENTRY_MAIN, "lazy.py": "import colorsys\n",
                      "main.py": "import sys\ndef f():\n    import lazy\nprint('ran')\n"})
    problems = []
    res = _freezer(ctx, "build", "--entry", "app:mian", "-o", "app")
    problems += H.check_one_line_error(
        res, what="--entry app:mian",
        must_start="freezer: error: --entry app:mian: 'app' (")
    if "defines no top-level name 'mian'; did you mean 'app:main'?" not in res.stderr.decode():
        problems.append("--entry app:mian does not suggest app:main\n" + res.describe())
    if (ctx.work / "app").exists():
        problems.append("--entry app:mian wrote an app")
    res = _freezer(ctx, "build", "--entry", "app:main", "-o", "app")
    if res.returncode != 0:
        problems.append("--entry app:main was refused\n" + res.describe())
    else:
        problems += _runs(ctx.work / "app", b"main ran\n", "--entry app:main")
    res = _freezer(ctx, "build", "main.py", "-o", "m", "--exclude-module", "colorsyss",
                   "--exclude-module", "colorsys")
    lines = _lines(res)
    want_never = "freezer: warning: --exclude-module colorsyss: never imported (no bundled code imports it)"
    if not any(l.startswith(want_never) for l in lines):
        problems.append("--exclude-module of a module nothing imports does not warn\n" + res.describe())
    want_top = ("freezer: warning: --exclude-module colorsys: imported at top level by lazy (")
    if not any(l.startswith(want_top) and "lazy.py:1" in l for l in lines):
        problems.append("--exclude-module of a top-level import does not name the importer\n" + res.describe())
    if res.returncode != 0:
        problems.append("the --exclude-module build failed\n" + res.describe())
    return problems


def why_not_bundled(ctx):
    """`freezer why SCRIPT MODULE` of a module no import reaches but the
    search path holds says where it is and which flag bundles it."""
    _write(ctx.work, {"app.py": "import json\n", "pk/__init__.py": ""})
    problems = []
    for module, says in [("colorsys", "; it is on the search path (/usr/lib/python3.11/colorsys.py): "
                                      "--hidden-import colorsys bundles it"),
                         ("pk", f"; it is on the search path ({ctx.work}/pk/): --hidden-import pk bundles it, "
                                "--include-package pk with everything below it")]:
        res = _freezer(ctx, "why", "app.py", module)
        problems += H.check_one_line_error(
            res, what=f"why {module}", must_start=f"freezer: error: '{module}' is not bundled: no import reaches it")
        if says not in res.stderr.decode():
            problems.append(f"why {module} does not say {says!r}\n" + res.describe())
    return problems


def hidden_globs_and_distributions(ctx):
    """--hidden-import 'pkg.plugins.*' bundles the modules below that match;
    --include-distribution NAME bundles an installed distribution nothing
    imports, with its metadata."""
    site = ctx.work / "venv" / "lib" / "python3.11" / "site-packages"
    _write(ctx.work / "src", {
        "main.py": "import importlib, importlib.metadata\n"
                   "for n in ['pk.plugins.a', 'pk.plugins.deep.b', 'fxdist_mod.sub']:\n"
                   "    print(n, importlib.import_module(n).NAME)\n"
                   "print(importlib.metadata.version('fx-dist'))\n",
        "pk/__init__.py": "", "pk/plugins/__init__.py": "", "pk/plugins/a.py": "NAME = 'a'\n",
        "pk/plugins/deep/__init__.py": "", "pk/plugins/deep/b.py": "NAME = 'b'\n",
        "pk/other.py": "raise SystemExit('pk.other must not be bundled')\n"})
    _write(site, {"fxdist_mod/__init__.py": "", "fxdist_mod/sub.py": "NAME = 'sub'\n",
                  "fx_dist-1.2.3.dist-info/METADATA": "Metadata-Version: 2.1\nName: fx-dist\nVersion: 1.2.3\n",
                  "fx_dist-1.2.3.dist-info/top_level.txt": "fxdist_mod\n",
                  "fx_dist-1.2.3.dist-info/RECORD": ""})
    problems = []
    app = ctx.work / "app"
    res = _freezer(ctx, "build", "main.py", "--venv", ctx.work / "venv", "-o", app,
                   "--hidden-import", "pk.plugins.*", "--include-distribution", "fx-dist", cwd=ctx.work / "src")
    if res.returncode != 0:
        return ["the build with a glob and a distribution failed\n" + res.describe()]
    problems += _runs(app, b"pk.plugins.a a\npk.plugins.deep.b b\nfxdist_mod.sub sub\n1.2.3\n", "glob app")
    listed = _freezer(ctx, "list", app).stdout.decode()
    if "pk/other" in listed:
        problems.append("the glob bundled pk.other, which it does not match")
    for argv, start in [(["--hidden-import", "pk.nothing*"], "freezer: error: --hidden-import 'pk.nothing*': "
                                                             "no module below 'pk' matches"),
                        (["--include-distribution", "fx-dits"], "freezer: error: --include-distribution "
                                                                "fx-dits: not installed")]:
        res = _freezer(ctx, "build", "main.py", "--venv", ctx.work / "venv", "-o", ctx.work / "bad", *argv,
                       cwd=ctx.work / "src")
        problems += H.check_one_line_error(res, what=" ".join(argv), must_start=start)
    return problems


def debug_imports(ctx):
    """--debug-imports (PyInstaller's --debug=imports): the app, run with no
    variable set, prints python -v's lines to stderr (the same `import 'M' #`
    lines python3.11 -v prints for the same source) and, for each module,
    where it came from: the payload member of a code object, the memfd (or
    private cache file) of an extension and of the shared library it needs.
    Without the flag nothing is traced, PYTHONVERBOSE=1 or not (every
    PYTHON* variable is ignored)."""
    source = "import colorsys, json, lzma\nprint('ok', json.dumps(colorsys.rgb_to_hsv(1, 0, 0)))\n"
    _write(ctx.work, {"app.py": source})
    want = subprocess.run(["/usr/bin/python3.11", "-v", "app.py"], cwd=ctx.work, capture_output=True)
    problems = []
    modules = ["colorsys", "json", "json.decoder", "lzma", "_lzma"]
    for m in modules:
        if not re.search(rb"^import '%s' # " % re.escape(m.encode()), want.stderr, re.M):
            raise H.CaseFailure(f"python3.11 -v does not print an import line for {m}: the check is wrong")
    for flags, traced in [(["--debug-imports"], True), ([], False)]:
        app = ctx.work / ("traced" if traced else "plain")
        res = _freezer(ctx, "build", "app.py", "-o", app, *flags)
        if res.returncode != 0:
            problems.append("build failed\n" + res.describe())
            continue
        run = H.run([str(app)], cwd=ctx.work, env={} if traced else {"PYTHONVERBOSE": "1"})
        err = run.stderr.decode(errors="replace")
        if run.returncode != 0 or run.stdout != want.stdout:
            problems.append(f"flags {flags}: the app does not print what python3.11 prints\n" + run.describe())
            continue
        if not traced:
            if "import 'colorsys' # " in err or "# code object from" in err:
                problems.append("without --debug-imports the app traced its imports\n" + run.describe())
            continue
        for m in modules:
            if not re.search(r"^import '%s' # " % re.escape(m), err, re.M):
                problems.append(f"--debug-imports: no python -v line `import '{m}' # ...`\n" + run.describe())
        # Members as `freezer list` names them.
        for line in (f"# code object from payload member 'colorsys' of '{app}'",
                     f"# code object from payload member 'json.decoder' of '{app}'",
                     f"# code object from payload member 'json' of '{app}'"):
            if line not in err.splitlines():
                problems.append(f"--debug-imports: no line {line!r}\n" + run.describe())
        for what, name in (("extension module", "_lzma"), ("shared library", "liblzma.so.5")):
            pattern = (r"^# %s '%s' loaded from (memfd '/proc/self/fd/\d+'|the native cache '/\S+/native/[0-9a-f]{64}\.so') "
                       r"\(payload member '\S*%s\S*'\)$" % (what, re.escape(name), re.escape(name)))
            if not re.search(pattern, err, re.M):
                problems.append(f"--debug-imports: no line saying where {what} {name} came from\n" + run.describe())
        # Where a code object line stands: before importlib's line for the same module.
        at_code = err.find("# code object from payload member 'colorsys'")
        at_import = err.find("import 'colorsys' # ")
        if not 0 <= at_code < at_import:
            problems.append("--debug-imports: the code object line does not come before the import line")
    return problems


def add_data_root(ctx):
    """--add-data SRC:. (PyInstaller's idiom) is the root of the app, for a
    file and for a directory (recursively); the app reads them with its
    loader's get_data at the paths its code computes."""
    _write(ctx.work, {"assets/sub/deep/x.txt": "deep\n", "notes.txt": "top\n",
                      "app.py": "import os\nhere = os.path.dirname(__file__)\n"
                                "for rel in ['sub/deep/x.txt', 'notes.txt']:\n"
                                "    print(rel, __loader__.get_data(os.path.join(here, rel)).decode().strip())\n"})
    res = _freezer(ctx, "build", "app.py", "--add-data", "assets:.", "--add-data", "notes.txt:.")
    if res.returncode != 0:
        return ["--add-data SRC:. was refused\n" + res.describe()]
    return _runs(ctx.work / "dist" / "app", b"sub/deep/x.txt deep\nnotes.txt top\n", "--add-data SRC:.")


def _python(cwd: Path, *argv) -> subprocess.CompletedProcess:
    return subprocess.run(["/usr/bin/python3.11", *map(str, argv)], cwd=cwd, capture_output=True,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(cwd)})


def data_file_hint(ctx):
    """open() of a bundled data file at its path inside the app: when the
    NotADirectoryError ends the program, the traceback is python's and a
    hint after it names the ways that work; code that catches it gets what
    python3.11 gives code run from a zip (the same type, errno and no
    notes), and nothing more on stderr. The README's ways read the file."""
    _write(ctx.work, {"mypkg/__init__.py": "", "mypkg/data.json": '{"k": 1}\n',
                      "opens.py": "import os, mypkg\n"
                                  "print(open(os.path.join(os.path.dirname(mypkg.__file__), 'data.json')).read())\n",
                      "catches.py": "import os, mypkg\n"
                                    "try:\n"
                                    "    open(os.path.join(os.path.dirname(mypkg.__file__), 'data.json'))\n"
                                    "except OSError as e:\n"
                                    "    print(type(e).__name__, e.errno, e.strerror, getattr(e, '__notes__', None))\n",
                      "ways.py": "import os, importlib.resources, mypkg\n"
                                 "print(importlib.resources.files('mypkg').joinpath('data.json').read_text(), end='')\n"
                                 "path = os.path.join(os.path.dirname(mypkg.__file__), 'data.json')\n"
                                 "print(mypkg.__loader__.get_data(path).decode(), end='')\n"})
    problems = []
    apps = {}
    for name in ("opens", "catches", "ways"):
        apps[name] = ctx.work / "dist" / name
        res = _freezer(ctx, "build", f"{name}.py", "-o", apps[name])
        if res.returncode != 0:
            return [f"build of {name}.py failed\n" + res.describe()]
    # Uncaught: python's traceback, then the hint.
    run = H.run([str(apps["opens"])], cwd=ctx.work)
    err = run.stderr.decode(errors="replace")
    path = f"{apps['opens']}/mypkg/data.json"
    tb_line = f"NotADirectoryError: [Errno 20] Not a directory: '{path}'"
    if run.returncode != 1 or not err.startswith("Traceback (most recent call last):\n") or tb_line not in err:
        problems.append("the uncaught open() does not end with python's traceback and status 1\n" + run.describe())
    hint = err[err.find(tb_line) + len(tb_line):] if tb_line in err else ""
    for says in (f"freezer: hint: {path} is inside the app, which is one file, not a directory",
                 'importlib.resources.files("mypkg").joinpath("data.json").read_bytes()',
                 f'__loader__.get_data("{path}")', "--extract-package mypkg ", "sys._MEIPASS does not exist"):
        if says not in hint:
            problems.append(f"the hint after the traceback does not say {says!r}\n" + run.describe())
    # Caught: what python3.11 gives the same code imported from a zip.
    zipped = ctx.work / "catches.zip"
    with zipfile.ZipFile(zipped, "w") as z:
        z.write(ctx.work / "catches.py", "__main__.py")
        z.write(ctx.work / "mypkg/__init__.py", "mypkg/__init__.py")
        z.write(ctx.work / "mypkg/data.json", "mypkg/data.json")
    want = _python(ctx.work, zipped)
    if want.stdout != b"NotADirectoryError 20 Not a directory None\n":
        raise H.CaseFailure("python3.11 from a zip does not give the NotADirectoryError the check expects\n"
                            + want.stdout.decode() + want.stderr.decode())
    run = H.run([str(apps["catches"])], cwd=ctx.work)
    if run.returncode != 0 or run.stdout != want.stdout or run.stderr:
        problems.append("code catching the error does not get what python3.11 gives it, or stderr is not "
                        "empty\n" + run.describe())
    # The ways the README and the hint name.
    want = _python(ctx.work, "ways.py")
    run = H.run([str(apps["ways"])], cwd=ctx.work)
    if want.returncode != 0 or run.returncode != 0 or run.stdout != want.stdout:
        problems.append("importlib.resources and get_data do not read the file as python3.11 does\n"
                        + run.describe())
    return problems


def extract_data_dir(ctx):
    """--extract-package DIR of a top-level --add-data directory that is no
    package: its files are on disk at run time, and the script and its
    top-level modules find them next to __file__ as python3.11 running the
    source does; a name that is neither gets one line."""
    reads = ("import os\nbase = os.path.dirname(os.path.abspath(__file__))\n"
             "print(open(os.path.join(base, 'assets', 'logo.txt')).read().strip(),\n"
             "      sorted(os.listdir(os.path.join(base, 'assets', 'sub'))))\n")
    _write(ctx.work, {"assets/logo.txt": "LOGO\n", "assets/sub/a.txt": "a\n", "assets/sub/b.txt": "b\n",
                      "helper.py": reads, "app.py": reads + "import helper\n"})
    want = _python(ctx.work, "app.py")
    if want.returncode != 0:
        raise H.CaseFailure("python3.11 app.py fails: the check is wrong\n" + want.stderr.decode())
    problems = []
    home = ctx.work / "home"
    home.mkdir()
    res = _freezer(ctx, "build", "app.py", "--add-data", "assets:assets", "--extract-package", "assets")
    if res.returncode != 0:
        return ["--extract-package of a top-level --add-data directory was refused\n" + res.describe()]
    app = ctx.work / "dist" / "app"
    run = H.run([str(app)], cwd=ctx.work, env={"HOME": str(home)})
    if run.returncode != 0 or run.stdout != want.stdout:
        problems.append("the app does not read the extracted directory as python3.11 reads the source's\n"
                        + run.describe())
    # Without the flag the same code fails, and the hint names the flag.
    res = _freezer(ctx, "build", "app.py", "--add-data", "assets:assets", "-o", ctx.work / "plain")
    run = H.run([str(ctx.work / "plain")], cwd=ctx.work, env={"HOME": str(home)})
    if run.returncode != 1 or b"NotADirectoryError" not in run.stderr or b"--extract-package assets " not in run.stderr:
        problems.append("without --extract-package the app does not fail with a hint naming it\n" + run.describe())
    for name, start in [("nothere", "freezer: error: --extract-package nothere: not a bundled package, nor a "
                                    "top-level directory of --add-data files"),
                        ("helper", "freezer: error: --extract-package helper: not a bundled package")]:
        res = _freezer(ctx, "build", "app.py", "--add-data", "assets:assets", "--extract-package", name,
                       "-o", ctx.work / "bad")
        problems += H.check_one_line_error(res, what=f"--extract-package {name}", must_start=start)
    return problems


def why_library(ctx):
    """`freezer why APP LIBRARY`: a bundled shared library, what needs it,
    the package it is counted with, and the import chain to that extension."""
    _write(ctx.work, {"app.py": "import lzma\n"})
    res = _freezer(ctx, "build", "app.py", "-q")
    if res.returncode != 0:
        return ["build failed\n" + res.describe()]
    problems = []
    for name in ("liblzma.so.5", ".libs/liblzma.so.5"):
        res = _freezer(ctx, "why", ctx.work / "dist" / "app", name)
        want = (b".libs/liblzma.so.5  [needed by _lzma; package _lzma]\n  __main__\n    -> lzma\n"
                b"      -> _lzma\n")
        if res.returncode != 0 or res.stdout != want:
            problems.append(f"why {name} does not say what needs it\n" + res.describe())
    return problems


# ---------------------------------------------------------------------------
# Projects


def _project(root: Path, scripts: dict) -> None:
    table = "".join(f'{k} = "{v}"\n' for k, v in scripts.items())
    _write(root, {"pyproject.toml": f'[project]\nname = "todo-app"\nversion = "0.3"\n\n[project.scripts]\n{table}',
                  "src/todo/__init__.py": "",
                  "src/todo/cli.py": "import sys, importlib.metadata as md\ndef main():\n"
                                     "    print('todo', sys.argv[1:], md.version('todo-app'),\n"
                                     "          [e.value for e in md.entry_points(group='console_scripts', name='todo')])\n",
                  "src/todo/admin.py": "def run():\n    print('admin')\n"})


def project_scripts(ctx):
    """A project with [project.scripts] and no [tool.freezer] builds with
    `freezer build` alone, in its directory or below it (saying which
    pyproject.toml), its src/ searched, into its dist/, with its own
    metadata (importlib.metadata.version of the project, not installed);
    --entry takes a script's name; two scripts: which to choose from."""
    proj = ctx.work / "proj"
    _project(proj, {"todo": "todo.cli:main"})
    problems = []
    app = proj / "dist" / "todo"
    res = _freezer(ctx, "build", cwd=proj)
    lines = _lines(res)
    if res.returncode != 0 or not app.is_file():
        return ["`freezer build` in a [project.scripts] project did not write dist/todo\n" + res.describe()]
    if lines != ["freezer: using pyproject.toml: [project.scripts] todo"] + lines[1:] or \
            len(lines) != 2 or not WROTE.match(lines[1]):
        problems.append("the build does not say which script of which file it built, then where\n"
                        + res.describe())
    problems += _runs(app, b"todo ['x'] 0.3 ['todo.cli:main']\n", "dist/todo", "x")
    app.unlink()
    res = _freezer(ctx, "build", cwd=proj / "src" / "todo")
    lines = _lines(res)
    if res.returncode != 0 or not app.is_file():
        problems.append("`freezer build` in a subdirectory did not build the project's dist/todo\n"
                        + res.describe())
    elif not lines or lines[0] != f"freezer: using {proj}/pyproject.toml: [project.scripts] todo":
        problems.append("a build in a subdirectory does not name the pyproject.toml it used\n"
                        + res.describe())
    res = _freezer(ctx, "build", "--entry", "todo", "-o", ctx.work / "by-name", cwd=proj)
    if res.returncode != 0:
        problems.append("--entry NAME of [project.scripts] was refused\n" + res.describe())
    else:
        problems += _runs(ctx.work / "by-name", b"todo [] 0.3 ['todo.cli:main']\n", "--entry todo")
    two = ctx.work / "two"
    _project(two, {"todo": "todo.cli:main", "todo-admin": "todo.admin:run"})
    res = _freezer(ctx, "build", cwd=two)
    problems += H.check_one_line_error(
        res, what="two scripts",
        must_start="freezer: error: pyproject.toml: [project.scripts] has 2 scripts (todo, todo-admin): "
                   "choose one with --entry NAME")
    res = _freezer(ctx, "build", "--entry", "todo-admin", cwd=two)
    if res.returncode != 0 or not (two / "dist" / "todo-admin").is_file():
        problems.append("--entry todo-admin did not write dist/todo-admin\n" + res.describe())
    # The src/ layout without a project: the error names where it looked and why.
    _write(ctx.work / "plain", {"src/todo/__init__.py": "", "src/todo/cli.py": ""})
    res = _freezer(ctx, "build", "-m", "todo.cli", "-o", ctx.work / "nosrc", cwd=ctx.work / "plain")
    problems += H.check_one_line_error(res, what="a src/ layout without --path", must_start="freezer: error: -m todo.cli: ")
    if "it is in src/: add --path src" not in res.stderr.decode():
        problems.append("the error does not point at src/\n" + res.describe())
    # A flat layout (the module beside pyproject.toml), built from a subdirectory.
    flat = ctx.work / "flat"
    _write(flat, {"pyproject.toml": '[project]\nname = "flat"\nversion = "2.0"\n'
                                    '[project.scripts]\nflat = "flatmod:main"\n',
                  "flatmod.py": "def main():\n    print('flat')\n", "docs/README": ""})
    res = _freezer(ctx, "build", cwd=flat / "docs")
    if res.returncode != 0:
        problems.append("a flat-layout project built from a subdirectory does not find its module\n"
                        + res.describe())
    else:
        problems += _runs(flat / "dist" / "flat", b"flat\n", "flat layout from docs/")
    return problems


def project_init(ctx):
    """`freezer init` with no argument takes the only [project.scripts]
    name and, for a src/ layout, writes paths = ["src"]; `freezer build`
    then writes dist/todo. Two scripts: init lists them."""
    proj = ctx.work / "proj"
    _project(proj, {"todo": "todo.cli:main"})
    problems = []
    res = _freezer(ctx, "init", cwd=proj)
    if res.returncode != 0:
        return ["`freezer init` with no argument failed\n" + res.describe()]
    if res.stdout.decode() != "appended [tool.freezer] to pyproject.toml; `freezer build` there builds todo " \
                              "into dist/todo\n":
        problems.append("init does not say what build will write\n" + res.describe())
    text = (proj / "pyproject.toml").read_text()
    for line in ['entry = "todo"', 'paths = ["src"]', '# output = "dist/todo"']:
        if not any(l.startswith(line) for l in text.splitlines()):
            problems.append(f"init did not write {line!r}:\n{text}")
    res = _freezer(ctx, "build", cwd=proj)
    if res.returncode != 0 or not (proj / "dist" / "todo").is_file():
        problems.append("build after init did not write dist/todo\n" + res.describe())
    else:
        problems += _runs(proj / "dist" / "todo", b"todo [] 0.3 ['todo.cli:main']\n", "dist/todo after init")
    two = ctx.work / "two"
    _project(two, {"todo": "todo.cli:main", "todo-admin": "todo.admin:run"})
    res = _freezer(ctx, "init", cwd=two)
    problems += H.check_one_line_error(
        res, what="init with two scripts",
        must_start="freezer: error: pyproject.toml: [project.scripts] has 2 scripts (todo, todo-admin); "
                   "choose one: freezer init NAME")
    return problems


def register(add, Case):
    add(Case("first.output_dirs", output_dirs,
             "-o creates missing directories 0755; an unwritable -o or --report is refused before the scan"))
    add(Case("first.default_output", default_output,
             "default output dist/NAME (script stem, top-level package), one `wrote` line per build"))
    add(Case("first.quiet", quiet_and_library_warnings,
             "the `wrote` line off a terminal; -q leaves out third-party warnings, keeps the program's own"))
    add(Case("first.version", version, "freezer --version: version, Python, the stub's glibc floor"))
    add(Case("first.cli_hints", cli_hints,
             "did you mean for subcommands and options; PyInstaller/Nuitka flags get the freezer way"))
    add(Case("first.entry_and_excludes", entry_and_excludes,
             "--entry app:mian refused with a suggestion; --exclude-module never imported / top level warns"))
    add(Case("first.why_not_bundled", why_not_bundled,
             "freezer why of a module on the search path that nothing imports names the flag"))
    add(Case("first.hidden_globs", hidden_globs_and_distributions,
             "--hidden-import 'pkg.*' globs and --include-distribution NAME"))
    add(Case("first.debug_imports", debug_imports,
             "--debug-imports: the app prints each import (python -v) and where it came from"))
    add(Case("first.why_library", why_library, "freezer why APP LIBRARY: the extension and package needing it"))
    add(Case("first.data_file_hint", data_file_hint,
             "open() of a bundled file: a hint after the uncaught traceback; caught, what python gives"))
    add(Case("first.extract_data_dir", extract_data_dir,
             "--extract-package of a top-level --add-data directory: on disk next to the script's __file__"))
    add(Case("first.add_data_root", add_data_root, "--add-data SRC:. is the app's root, directories recursive"))
    add(Case("first.project_scripts", project_scripts,
             "[project.scripts] without [tool.freezer]; pyproject.toml in a parent; src/; --entry NAME"))
    add(Case("first.project_init", project_init,
             "freezer init with no argument; paths = [\"src\"]; build writes dist/todo"))


# ---------------------------------------------------------------------------
# Virtual environments, as python3.11 in them sees them

FINDER = """import sys, importlib.util
MAPPING = {'fxed': %r}
class _Finder:
    @classmethod
    def find_spec(cls, name, path=None, target=None):
        if name in MAPPING:
            return importlib.util.spec_from_file_location(
                name, MAPPING[name] + '/__init__.py', submodule_search_locations=[MAPPING[name]])
def install():
    sys.meta_path.append(_Finder)
"""
VENV_MAIN = """import fxpth, fxed
print(fxpth.NAME, fxed.NAME)
try:
    import yaml
    print('yaml from the system')
except ImportError:
    print('no yaml')
"""


def _venv(ctx, name, system_site):
    venv = ctx.work / name
    res = H.run([H.PYTHON, "-m", "venv", "--without-pip", *(["--system-site-packages"] if system_site else []),
                 str(venv)])
    if res.returncode != 0:
        raise H.HarnessError("python3.11 -m venv failed\n" + res.describe())
    site = venv / "lib" / "python3.11" / "site-packages"
    ext, editable = ctx.work / "ext", ctx.work / "proj" / "src" / "fxed"
    _write(ext, {"fxpth.py": "NAME = 'from a .pth path line'\n"})
    _write(editable, {"__init__.py": "NAME = 'from an editable install'\n"})
    _write(site, {"fx.pth": f"# a comment\n{ext}\n../../../missing-dir\n",
                  "__editable__.fxed-0.1.pth": "import __editable___fxed_0_1_finder; "
                                               "__editable___fxed_0_1_finder.install()\n",
                  "__editable___fxed_0_1_finder.py": FINDER % str(editable)})
    return venv


def venvs(ctx):
    """--venv reads the .pth files of its site-packages (path lines, and
    setuptools' editable finders) and honours include-system-site-packages:
    the frozen app imports what python3.11 in the venv imports, no more. A
    venv of another Python is refused, naming the one this freezer is for."""
    _write(ctx.work / "src", {"main.py": VENV_MAIN})
    problems = []
    for name, system_site in [("venv", False), ("venv-system", True)]:
        venv = _venv(ctx, name, system_site)
        ref = H.run([str(venv / "bin" / "python"), "main.py"], cwd=ctx.work / "src")
        if ref.returncode != 0:
            raise H.HarnessError("the venv's python cannot run main.py\n" + ref.describe())
        app = ctx.work / f"app-{name}"
        res = _freezer(ctx, "build", "main.py", "--venv", venv, "-o", app, cwd=ctx.work / "src")
        if res.returncode != 0:
            problems.append(f"--venv {name} build failed\n" + res.describe())
            continue
        problems += _runs(app, ref.stdout, f"--venv {name} (as {venv}/bin/python runs it)")
    for cfg, lib, must in [("home = /usr/bin\nversion = 3.12.1\n", "python3.12", "a venv of Python 3.12.1"),
                           ("home = /opt/py/bin\nversion = 3.11.2\n", "python3.11", "made by the Python in /opt/py/bin"),
                           ("", "python3.12", "it has lib/python3.12: a venv of another Python")]:
        other = ctx.work / "other"
        if other.exists():
            import shutil
            shutil.rmtree(other)
        (other / "lib" / lib / "site-packages").mkdir(parents=True)
        if cfg:
            (other / "pyvenv.cfg").write_text(cfg)
        res = _freezer(ctx, "build", "main.py", "--venv", other, "-o", ctx.work / "x", cwd=ctx.work / "src")
        problems += H.check_one_line_error(res, what=f"a venv of {cfg or lib}",
                                           must_start=f"freezer: error: --venv {other}: ")
        if must not in res.stderr.decode() or "/usr/bin/python3.11 (3.11.2)" not in res.stderr.decode():
            problems.append(f"the refusal does not say {must!r} and name /usr/bin/python3.11 (3.11.2)\n"
                            + res.describe())
    return problems


def register_venvs(add, Case):
    add(Case("first.venvs", venvs,
             "--venv: .pth path lines and editable finders, include-system-site-packages, other Pythons refused"))
