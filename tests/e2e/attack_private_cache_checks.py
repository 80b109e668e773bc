"""Issue 13, "The private cache": the directories are trusted through
descriptors, not paths. A user cache directory whose ancestors another user
can change is not used (the files go to /tmp/freezer-<euid>), and neither is
one reached through a symlinked ~/.cache; a symlinked freezer/ is refused.
Deterministic stand-ins for the check-to-use race: each shape is the state
an attacker would swap in."""
from __future__ import annotations

import os
from pathlib import Path

import harness as H
from private_cache_checks import EXPECTED, TMP_BASE, _files_dirs, _setup


def _run(root: Path, home: str) -> H.Result:
    return H.run_frozen_in_root(root, [], env={"HOME": home})


def _went_to_tmp(root: Path, home: Path, what: str) -> list:
    res = _run(root, "/" + str(home.relative_to(root)))
    problems = []
    if res.returncode != 0 or res.stdout != EXPECTED:
        problems.append(f"with {what} the app did not start:\n" + res.describe())
    if _files_dirs(home / ".cache/freezer"):
        problems.append(f"with {what} the files were written below it: "
                        f"{_files_dirs(home / '.cache/freezer')}")
    if len(_files_dirs(root / TMP_BASE)) != 1:
        problems.append(f"with {what} the files are not in /{TMP_BASE}")
    return problems


def check_untrusted_ancestor(ctx):
    """HOME owned by another user, and HOME root's but writable by others
    (not sticky): the cache there is not used, /tmp/freezer-<euid> is."""
    root = _setup(ctx)
    problems = []
    home = root / "work/home"
    home.mkdir()
    os.chown(home, 4321, 4321)
    problems += _went_to_tmp(root, home, "a home owned by uid 4321")
    open_home = root / "work/openhome"
    open_home.mkdir()
    os.chmod(open_home, 0o777)
    problems += _went_to_tmp(root, open_home, "a world-writable (not sticky) home")
    return problems


def check_symlinked_cache(ctx):
    """~/.cache a symlink to another directory: not followed (the files go
    to /tmp/freezer-<euid>, nothing is written where it points); ~/.cache/
    freezer a symlink: refused, nothing written through it."""
    root = _setup(ctx)
    problems = []
    home = root / "work/home"
    (home).mkdir()
    elsewhere = root / "work/elsewhere"
    elsewhere.mkdir()
    os.symlink("/work/elsewhere", home / ".cache")
    problems += _went_to_tmp(root, home, "~/.cache a symlink")
    if list(elsewhere.iterdir()):
        problems.append(f"with ~/.cache a symlink the app wrote into {list(elsewhere.iterdir())}")
    (home / ".cache").unlink()
    (home / ".cache").mkdir()
    target = root / "work/target"
    target.mkdir(mode=0o700)
    os.symlink("/work/target", home / ".cache/freezer")
    res = _run(root, "/work/home")
    text = res.stderr.decode(errors="replace")
    if res.returncode != 1 or "refused" not in text or "/work/home/.cache/freezer" not in text:
        problems.append("~/.cache/freezer a symlink should be refused:\n" + res.describe())
    if list(target.iterdir()):
        problems.append(f"the app wrote through the symlinked freezer/: {list(target.iterdir())}")
    return problems


def register(add, Case):
    add(Case("attack.cache_untrusted_ancestor", check_untrusted_ancestor,
             "a home another user can change: the cache there is not used, /tmp/freezer-<euid> is"))
    add(Case("attack.cache_symlinked", check_symlinked_cache,
             "~/.cache a symlink: not followed; ~/.cache/freezer a symlink: refused"))
