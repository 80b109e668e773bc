"""Where the stub's private cache lives (issue 11, defect 7): the user cache
directory ($XDG_CACHE_HOME/freezer, ~/.cache/freezer), and only when that
cannot be created (HOME=/nonexistent, what daemon users get)
/tmp/freezer-<euid>, made 0700 and refused unless it is the user's own
private directory (never followed through a symlink). The freezer itself
never creates a home that does not exist."""
from __future__ import annotations

import os
import stat
from pathlib import Path

import harness as H

# A package that opens a file next to its __file__: with --extract-package
# its files are written to the private cache at run time.
FILES = {
    "main.py": "import fxdata\nprint(fxdata.read())\n",
    "fxdata/__init__.py": "import os\nHERE = os.path.dirname(__file__)\n"
                          "def read():\n    return open(os.path.join(HERE, 'd.txt')).read().strip()\n",
    "fxdata/d.txt": "next to __file__\n",
}
EXPECTED = b"next to __file__\n"
TMP_BASE = f"tmp/freezer-{os.geteuid()}"  # inside the root (the apps run as this user)


def _setup(ctx, files=FILES, options=("--extract-package", "fxdata")) -> Path:
    src = ctx.work / "src"
    for rel, text in files.items():
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_text(text)
    app = ctx.work / "app"
    H.freeze(ctx.freezer, src / "main.py", app, options)
    root = H.make_root(ctx.work / "root")
    H.check_root(root)
    H.install_app(root, app)
    return root


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def _files_dirs(base: Path) -> list:
    return sorted(base.glob("files-*")) if base.is_dir() else []


def check_no_home(ctx):
    """HOME=/nonexistent (and an XDG_CACHE_HOME below it): the app starts,
    its files are in /tmp/freezer-<euid> (0700); with a real home they go
    there, not to /tmp."""
    root = _setup(ctx)
    problems = []
    for env in ({"HOME": "/nonexistent"},
                {"HOME": "/nonexistent", "XDG_CACHE_HOME": "/nonexistent/.cache"}):
        res = H.run_frozen_in_root(root, [], env=env)
        if res.returncode != 0 or res.stdout != EXPECTED:
            problems.append(f"with {env} the app did not start:\n" + res.describe())
    base = root / TMP_BASE
    if not base.is_dir() or base.is_symlink():
        return problems + [f"no directory {base}"]
    if _mode(base) != 0o700 or len(_files_dirs(base)) != 1 or _mode(_files_dirs(base)[0]) != 0o700:
        problems.append(f"{base} (mode {_mode(base):o}) should hold one 0700 files-<digest> "
                        f"directory: {[(p.name, oct(_mode(p))) for p in base.iterdir()]}")
    if (root / "nonexistent").exists():
        problems.append("the app created /nonexistent")
    (root / "work/home").mkdir()
    res = H.run_frozen_in_root(root, [], env={"HOME": "/work/home"})
    if res.returncode != 0 or res.stdout != EXPECTED:
        problems.append("with HOME=/work/home the app did not start:\n" + res.describe())
    if len(_files_dirs(root / "work/home/.cache/freezer")) != 1:
        problems.append("with an existing home the files are not in ~/.cache/freezer")
    return problems


def check_rule_files_no_home(ctx):
    """A package rule's on-disk files (zoneinfo's time-zone database) with
    HOME=/nonexistent: written to /tmp/freezer-<euid>, the app starts."""
    files = {"main.py": "import zoneinfo\nprint(zoneinfo.ZoneInfo('Europe/Paris').key)\n"}
    root = _setup(ctx, files, options=())
    res = H.run_frozen_in_root(root, [], env={"HOME": "/nonexistent"})
    problems = []
    if res.returncode != 0 or res.stdout != b"Europe/Paris\n":
        problems.append("the app did not start:\n" + res.describe())
    if len(_files_dirs(root / TMP_BASE)) != 1:
        problems.append(f"the rule's files are not in /{TMP_BASE}")
    return problems


def _refused(root: Path, what: str, untouched: Path | None = None) -> list:
    res = H.run_frozen_in_root(root, [], env={"HOME": "/nonexistent"})
    problems = []
    text = res.stderr.decode(errors="replace")
    if res.returncode != 1 or res.stdout or f"/{TMP_BASE}" not in text or "refused" not in text:
        problems.append(f"with {what} at /{TMP_BASE} the app should fail, saying the directory is "
                        "refused:\n" + res.describe())
    if untouched is not None and list(untouched.iterdir()):
        problems.append(f"with {what} the app wrote into {untouched}: {list(untouched.iterdir())}")
    return problems


def check_tmp_base_refused(ctx):
    """/tmp/freezer-<euid> planted as a symlink, as a directory others can
    read, or owned by another user: refused, nothing written through it."""
    root = _setup(ctx)
    base = root / TMP_BASE
    target = root / "work/elsewhere"
    target.mkdir(mode=0o700)
    os.symlink("/work/elsewhere", base)
    problems = _refused(root, "a symlink", untouched=target)
    base.unlink()
    base.mkdir()
    os.chmod(base, 0o755)
    problems += _refused(root, "a 0755 directory", untouched=base)
    os.chmod(base, 0o700)
    os.chown(base, 4321, 4321)
    problems += _refused(root, "a directory of another user", untouched=base)
    base.rmdir()
    base.write_text("a file\n")
    problems += _refused(root, "a file")
    return problems


def check_build_no_home(ctx):
    """freezer build with HOME set to a directory that does not exist
    builds (without a bytecode cache) and does not create it."""
    src = ctx.work / "src"
    src.mkdir()
    (src / "main.py").write_text("print('built')\n")
    home = ctx.work / "nonexistent"
    res = H.run([str(ctx.freezer), "build", "main.py", "-o", str(ctx.work / "app")], cwd=src,
                env={"HOME": str(home)})
    problems = []
    if res.returncode != 0:
        problems.append("freezer build failed:\n" + res.describe())
    if home.exists():
        problems.append(f"freezer build created the missing home {home}: "
                        f"{sorted(str(p.relative_to(home)) for p in home.rglob('*'))[:5]}")
    return problems


def register(add, Case):
    add(Case("private_cache.no_home", check_no_home,
             "HOME=/nonexistent: --extract-package files in /tmp/freezer-<euid> (0700)"))
    add(Case("private_cache.rule_files_no_home", check_rule_files_no_home,
             "HOME=/nonexistent: a package rule's on-disk files in /tmp/freezer-<euid>"))
    add(Case("private_cache.tmp_base_refused", check_tmp_base_refused,
             "/tmp/freezer-<euid> as a symlink, 0755, another user's or a file: refused"))
    add(Case("private_cache.build_no_home", check_build_no_home,
             "freezer build with a missing HOME does not create it"))
