#!/usr/bin/python3.11
"""The real-program corpus (issue 11): programs built on Debian's Python
packages, frozen with no freezer flags and compared with python3.11.

  run_corpus.py --list
  run_corpus.py --freezer BUILD/bin/freezer [--stub STUB] [--work-dir DIR] CASE [CASE...]
  run_corpus.py --freezer BUILD/bin/freezer --all
  run_corpus.py --freezer BUILD/bin/freezer --table [--write-doc docs/compatibility.md]

A case is a directory cases/NAME/ holding case.toml and the program's files
(see cases/README.md). For each case: freeze it (`freezer build`, entry
as the case says, the case's `flags` only), run the app inside a glibc-only
root (tests/e2e/harness.py), run /usr/bin/python3.11 on the same program
with the same arguments, stdin and working-directory files, and compare
stdout and exit status (stderr too when the case sets compare_stderr).

A case marked `expect = "fail"` (with its root cause in `reason`) passes
only while it still differs; once it matches python3.11 it FAILS with
"now passes: remove expect = fail", so a fix is never missed. Nothing is
skipped: an environment problem, or a reference run that prints nothing,
is a failure.

Exit status 0 when every named case passes, 1 otherwise.
"""
from __future__ import annotations

import argparse
import dataclasses
import os
import re
import shutil
import statistics
import sys
import time
import tomllib
import traceback
from pathlib import Path

sys.dont_write_bytecode = True  # keep the source tree free of __pycache__
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "e2e"))

import harness as H  # noqa: E402

CASES_DIR = HERE / "cases"
DIST_PACKAGES = "/usr/lib/python3/dist-packages"
STDLIB = "/usr/lib/python3.11"
# Where the frozen app's HOME is inside the glibc-only root (tools such as
# black, mypy and pylint look for per-user configuration and caches there).
ROOT_HOME = "/tmp/home"
FORMS = ("script", "module", "entry")
KNOWN_KEYS = {"doc", "packages", "library", "script", "module", "entry", "args", "stdin",
              "stdin_file", "flags", "flags_reason", "expect", "reason", "compare_stderr",
              "env", "timeout", "normalise", "fails_with", "rules", "max_size_mb"}


@dataclasses.dataclass
class Case:
    name: str
    dir: Path
    doc: str
    packages: list
    library: str
    form: str          # script | module | entry
    target: str        # main.py | pkg | pkg.mod:func
    args: list
    stdin: bytes
    flags: list
    flags_reason: str
    expect_fail: bool
    reason: str
    compare_stderr: bool
    env: dict
    timeout: int
    normalise: list    # extra (regex, replacement) pairs for both sides
    fails_with: str    # expect = "fail": a regex the failure's output must match
    rules: list        # package rules the case proves: it must fail without each
    max_size_mb: float  # 0, or the app must be at most this big (10**6 bytes): a rule that
                        # only leaves out what the program never runs is proven by size

    @property
    def form_text(self) -> str:
        text = {"script": f"script {self.target}", "module": f"-m {self.target}",
                "entry": f"entry {self.target}"}[self.form]
        return text + (" + " + " ".join(self.flags) if self.flags else "")


class CaseError(Exception):
    """case.toml is malformed."""


def load_case(path: Path) -> Case:
    try:
        data = tomllib.loads((path / "case.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CaseError(f"{path.name}: cannot read case.toml: {exc}") from exc
    unknown = set(data) - KNOWN_KEYS
    if unknown:
        raise CaseError(f"{path.name}: unknown case.toml keys {sorted(unknown)}")
    forms = [f for f in FORMS if f in data]
    if len(forms) != 1:
        raise CaseError(f"{path.name}: exactly one of script/module/entry, got {forms}")
    form = forms[0]
    for key in ("doc", "packages"):
        if not data.get(key):
            raise CaseError(f"{path.name}: '{key}' is required")
    flags = list(data.get("flags", []))
    if flags and not data.get("flags_reason"):
        raise CaseError(f"{path.name}: flags need a one-line flags_reason")
    expect = data.get("expect", "pass")
    if expect not in ("pass", "fail"):
        raise CaseError(f"{path.name}: expect is 'pass' or 'fail', not {expect!r}")
    if expect == "fail" and not data.get("reason"):
        raise CaseError(f"{path.name}: expect = 'fail' needs the root cause in 'reason'")
    if expect == "fail" and not data.get("fails_with"):
        raise CaseError(f"{path.name}: expect = 'fail' needs 'fails_with', a regex of the failure")
    if "stdin" in data and "stdin_file" in data:
        raise CaseError(f"{path.name}: stdin or stdin_file, not both")
    stdin = data.get("stdin", "").encode("utf-8")
    if "stdin_file" in data:
        stdin = (path / data["stdin_file"]).read_bytes()
    return Case(
        name=path.name, dir=path, doc=data["doc"], packages=list(data["packages"]),
        library=data.get("library", data["packages"][0].removeprefix("python3-")), form=form, target=data[form],
        args=[str(a) for a in data.get("args", [])], stdin=stdin, flags=flags,
        flags_reason=data.get("flags_reason", ""), expect_fail=expect == "fail",
        reason=" ".join(data.get("reason", "").split()), compare_stderr=bool(data.get("compare_stderr")),
        env=dict(data.get("env", {})), timeout=int(data.get("timeout", H.DEFAULT_TIMEOUT)),
        normalise=[tuple(p) for p in data.get("normalise", [])],
        fails_with=data.get("fails_with", ""), rules=[str(r) for r in data.get("rules", [])],
        max_size_mb=float(data.get("max_size_mb", 0)))


def all_cases() -> dict[str, Case]:
    return {p.name: load_case(p) for p in sorted(CASES_DIR.iterdir())
            if (p / "case.toml").is_file()}


# ---------------------------------------------------------------------------
# One case

# Files of a case directory that are not the program.
NOT_PROGRAM = ("case.toml", "cwd", "__pycache__", "README.md")


@dataclasses.dataclass
class Outcome:
    ok: bool
    matched: bool | None = None     # did frozen match python3.11 (None: not run)
    size: int | None = None         # app size in bytes
    build_s: float | None = None
    python_ms: float | None = None  # start-up medians (--table)
    frozen_ms: float | None = None
    problems: list = dataclasses.field(default_factory=list)
    evidence: str = ""              # build log + frozen stdout/stderr (for fails_with)


def stage(case: Case, work: Path) -> tuple[Path, Path, Path]:
    """src/ (the program, for freezer and python3.11) and pycwd/ (python's
    working directory: the case's cwd/ files). Returns (src, pycwd, home)."""
    src = work / "src"
    src.mkdir()
    for item in case.dir.iterdir():
        if item.name in NOT_PROGRAM:
            continue
        if item.is_dir():
            shutil.copytree(item, src / item.name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(item, src / item.name)
    pycwd = work / "pycwd"
    copy_cwd_files(case, pycwd)
    home = work / "pyhome"
    home.mkdir()
    return src, pycwd, home


def copy_cwd_files(case: Case, dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    if (case.dir / "cwd").is_dir():
        shutil.copytree(case.dir / "cwd", dest, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__"))


def reference_argv(case: Case, src: Path, work: Path) -> list[str]:
    """python3.11 running the program as a user would run it unfrozen."""
    if case.form == "script":
        return [H.PYTHON, str(src / case.target), *case.args]
    if case.form == "module":
        return [H.PYTHON, "-m", case.target, *case.args]
    # A console script, as pip/Debian write them into /usr/bin: a file whose
    # name is the program's (here "app", the frozen app's name too).
    module, func = case.target.split(":")
    launcher_dir = work / "bin"
    launcher_dir.mkdir()
    launcher = launcher_dir / "app"
    launcher.write_text(f"import sys\nfrom {module} import {func}\nsys.exit({func}())\n")
    return [H.PYTHON, str(launcher), *case.args]


def freeze_argv(case: Case, freezer: Path, stub: Path, src: Path, app: Path, extra=()) -> list[str]:
    argv = [str(freezer), "build"]
    if case.form == "script":
        argv.append(str(src / case.target))
    elif case.form == "module":
        argv += ["-m", case.target]
    else:
        argv += ["--entry", case.target]
    argv += ["-o", str(app), "--stub", str(stub), *case.flags, *extra]
    return argv


def norms(case: Case, *, app_paths, cwd: str, home: str):
    """Paths that differ by design between the two runs -> placeholders."""
    pairs = [(H.path_pattern(p), "<APP>") for p in app_paths]
    pairs += [(H.path_pattern(home), "<HOME>"), (H.path_pattern(cwd), "<CWD>")]
    return pairs + case.normalise


def require_packages(case: Case) -> None:
    """The case's Debian packages must be installed (.ci/packages lists them)."""
    res = H.run(["dpkg-query", "-W", "-f", "${Package} ${db:Status-Abbrev}\n", *case.packages])
    installed = {line.split()[0] for line in res.stdout.decode().splitlines()
                 if len(line.split()) > 1 and line.split()[1] == "ii"}
    missing = [p for p in case.packages if p not in installed]
    if missing:
        raise H.HarnessError(f"Debian package(s) not installed: {' '.join(missing)} "
                             "(.ci/packages lists what the corpus needs; .ci/install-deps installs it)")


def too_big(case: Case, size: int) -> bool:
    return bool(case.max_size_mb) and size > case.max_size_mb * 1e6


def run_case(case: Case, freezer: Path, stub: Path, work: Path, *, timing: bool) -> Outcome:
    out = Outcome(ok=False)
    require_packages(case)
    src, pycwd, pyhome = stage(case, work)
    app = work / "app"
    # The bytecode cache: shared by the cases of a run (warm builds), except
    # with --table, which measures each build from a cold cache.
    cache = work / "cache" if timing else work.parent / ".freezer-cache"
    build_env = {"XDG_CACHE_HOME": str(cache), "HOME": str(pyhome)}
    start = time.monotonic()
    res = H.run(freeze_argv(case, freezer, stub, src, app), cwd=src, env=build_env,
                timeout=max(case.timeout, 600))
    out.build_s = time.monotonic() - start
    (work / "build.log").write_bytes(res.stdout + res.stderr)
    out.evidence = (res.stdout + res.stderr).decode("utf-8", "replace")
    built = res.returncode == 0 and not res.timed_out and app.is_file()

    ref_env = dict(case.env, HOME=str(pyhome))
    ref = H.run(reference_argv(case, src, work), cwd=pycwd, stdin=case.stdin, env=ref_env,
                timeout=case.timeout)
    if ref.returncode < 0 or ref.timed_out or not ref.stdout.strip():
        # The reference itself must do something observable, or the case
        # proves nothing.
        out.problems.append("the python3.11 reference run is not a usable reference "
                            "(killed, timed out or printed nothing on stdout):\n" + ref.describe())
        return out

    if not built:
        out.matched = False
        out.problems.append("freezer build failed:\n" + res.describe())
    else:
        out.size = app.stat().st_size
        root = H.make_root(work / "root")
        H.check_root(root)
        H.install_app(root, app)
        copy_cwd_files(case, root / H.ROOT_WORKDIR.lstrip("/"))
        (root / ROOT_HOME.lstrip("/")).mkdir(parents=True)
        frozen_env = dict(case.env, HOME=ROOT_HOME)
        frozen = H.run_in_root(root, [H.ROOT_APP, *case.args], stdin=case.stdin,
                               env=frozen_env, timeout=case.timeout)
        out.evidence += (frozen.stdout + frozen.stderr).decode("utf-8", "replace")
        ref_norm = norms(case, app_paths=[str(src), str(work / "bin" / "app"), str(work / "bin"),
                                          DIST_PACKAGES, STDLIB],
                         cwd=str(pycwd), home=str(pyhome))
        frozen_norm = norms(case, app_paths=[H.ROOT_APP], cwd=H.ROOT_WORKDIR, home=ROOT_HOME)
        if not case.compare_stderr:
            ref_cmp = dataclasses.replace(ref, stderr=b"")
            frozen_cmp = dataclasses.replace(frozen, stderr=b"")
        else:
            ref_cmp, frozen_cmp = ref, frozen
        diffs = H.compare(ref_cmp, frozen_cmp, exp_norm=ref_norm, act_norm=frozen_norm)
        if too_big(case, out.size):
            diffs.append(f"the app is {out.size / 1e6:.2f} MB, over max_size_mb = {case.max_size_mb}")
        out.matched = not diffs
        if diffs:
            out.problems += diffs
            out.problems.append("python3.11 run:\n" + ref.describe())
            out.problems.append("frozen run (in the glibc-only root):\n" + frozen.describe())
        elif timing:
            out.python_ms, out.frozen_ms = startup_times(case, ref, root, src, pycwd, work,
                                                         ref_env, frozen_env)
        if not diffs:
            # Each package rule the case names must be what makes it pass.
            for rule in case.rules:
                rapp = work / f"app-without-{rule}"
                rres = H.run(freeze_argv(case, freezer, stub, src, rapp, ["--without-rule", rule]),
                             cwd=src, env=build_env, timeout=max(case.timeout, 600))
                if rres.returncode != 0 or not rapp.is_file():
                    out.problems.append(f"built with --without-rule {rule}: the build failed "
                                        f"(it must build and then behave differently):\n" + rres.describe())
                    out.matched = False
                    continue
                if too_big(case, rapp.stat().st_size):
                    rapp.unlink()  # bigger than allowed without the rule: the rule is what makes it pass
                    continue
                H.install_app(root, rapp)
                without = H.run_in_root(root, [H.ROOT_APP, *case.args], stdin=case.stdin,
                                        env=frozen_env, timeout=case.timeout)
                rapp.unlink()
                if not H.compare(ref_cmp, dataclasses.replace(without, stderr=without.stderr if case.compare_stderr else b""),
                                 exp_norm=ref_norm, act_norm=frozen_norm):
                    out.problems.append(f"rules = [{rule!r}]: the case passes with --without-rule {rule} too, "
                                        f"so it does not prove that rule")
                    out.matched = False

    if case.expect_fail:
        if out.matched:
            out.problems = [f"now passes: remove expect = \"fail\" from {case.name}/case.toml "
                            f"(its recorded root cause was: {case.reason})"]
        elif not re.search(case.fails_with, out.evidence + "\n".join(out.problems)):
            out.problems.insert(0, f"still fails, but differently: the output no longer matches "
                                   f"fails_with = {case.fails_with!r}; find the new root cause and "
                                   f"update reason and fails_with in {case.name}/case.toml "
                                   f"(recorded root cause: {case.reason})")
        else:
            out.ok = True
    else:
        out.ok = bool(out.matched)
    return out


def _median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.monotonic()
        fn()
        times.append((time.monotonic() - t) * 1000)
    return statistics.median(times)


_ROOT_OVERHEAD_MS: float | None = None


def root_overhead_ms(root: Path) -> float:
    """What entering the glibc-only root costs (unshare, mounts, exec of the
    dynamic loader): subtracted from the frozen app's times."""
    global _ROOT_OVERHEAD_MS
    if _ROOT_OVERHEAD_MS is None:
        _ROOT_OVERHEAD_MS = _median_ms(
            lambda: H.run_in_root(root, [H.ROOT_LOADER, "--version"]), 7)
    return _ROOT_OVERHEAD_MS


def startup_times(case, ref, root, src, pycwd, work, ref_env, frozen_env, runs: int = 5):
    """Median wall time of the whole run, python3.11 and frozen."""
    argv = reference_argv_again(case, src, work)
    py = _median_ms(lambda: H.run(argv, cwd=pycwd, stdin=case.stdin, env=ref_env,
                                  timeout=case.timeout), runs)
    fr = _median_ms(lambda: H.run_in_root(root, [H.ROOT_APP, *case.args], stdin=case.stdin,
                                          env=frozen_env, timeout=case.timeout), runs)
    return py, max(fr - root_overhead_ms(root), 0.0)


def reference_argv_again(case, src, work):
    if case.form == "entry":
        return [H.PYTHON, str(work / "bin" / "app"), *case.args]
    return reference_argv(case, src, work)


def run_one(case: Case, freezer: Path, stub: Path, work_dir: Path, *, timing=False) -> Outcome:
    print(f"=== {case.name}: {case.doc}", flush=True)
    work = work_dir / case.name
    start = time.monotonic()
    try:
        if work.exists():
            shutil.rmtree(work)
        work.mkdir(parents=True)
        out = run_case(case, freezer, stub, work, timing=timing)
    except H.HarnessError as exc:
        out = Outcome(ok=False, problems=[
            f"ENVIRONMENT PROBLEM (the test cannot run here, so it fails): {exc}"])
    except Exception:  # a runner bug: say so loudly
        out = Outcome(ok=False, problems=["HARNESS ERROR:\n" + traceback.format_exc()])
    took = time.monotonic() - start
    if out.ok:
        # The root holds a second copy of the app (up to 220 MB): keep the
        # app, the logs and the sources, drop the root of a passing case.
        shutil.rmtree(work / "root", ignore_errors=True)
    size = f", {out.size / 1e6:.1f} MB" if out.size else ""
    built = f", build {out.build_s:.1f}s" if out.build_s is not None else ""
    if out.ok:
        note = f" known failure, still fails with /{case.fails_with}/" if case.expect_fail else ""
        print(f"--- PASS {case.name} ({took:.1f}s{size}{built}){note}")
        if case.expect_fail:
            print(f"    root cause: {case.reason}")
    else:
        print(f"--- FAIL {case.name} ({took:.1f}s{size}{built}), scratch dir kept: {work}")
        for p in out.problems:
            print(p.rstrip("\n"))
            print()
    sys.stdout.flush()
    return out


# ---------------------------------------------------------------------------
# The compatibility table (docs/compatibility.md)

TABLE_BEGIN = "<!-- corpus-table:begin (written by tests/corpus/run_corpus.py --table) -->"
TABLE_END = "<!-- corpus-table:end -->"


def result_text(case: Case, out: Outcome) -> str:
    if not out.ok:
        return "**FAIL** (unexpected)" if not case.expect_fail else "**FIXED?** (now passes)"
    return "fail (known)" if case.expect_fail else "pass"


def table(cases: list[Case], outcomes: dict[str, Outcome]) -> str:
    lines = ["| case | library | freeze form | result | size (MB) | build (s) | run frozen / "
             "python (ms) | ratio |",
             "|---|---|---|---|---:|---:|---:|---:|"]
    for case in cases:
        out = outcomes[case.name]
        size = f"{out.size / 1e6:.1f}" if out.size else "-"
        build = f"{out.build_s:.1f}" if out.build_s is not None else "-"
        if out.python_ms and out.frozen_ms is not None:
            times = f"{out.frozen_ms:.0f} / {out.python_ms:.0f}"
            ratio = f"{out.frozen_ms / out.python_ms:.2f}"
        else:
            times = ratio = "-"
        form = case.form_text.replace("|", "\\|")
        lines.append(f"| {case.name} | {case.library} | `{form}` | {result_text(case, out)} | "
                     f"{size} | {build} | {times} | {ratio} |")
    return "\n".join(lines)


def causes(cases: list[Case]) -> str:
    lines = []
    for case in cases:
        if case.expect_fail:
            lines.append(f"- **{case.name}** ({case.library}): {case.reason}")
    flagged = [c for c in cases if c.flags]
    if flagged:
        lines.append("")
        lines.append("Cases that carry flags (no bundler could avoid them):")
        lines.append("")
        for case in flagged:
            lines.append(f"- **{case.name}**: `{' '.join(case.flags)}`: {case.flags_reason}")
    return "\n".join(lines)


def write_doc(doc: Path, body: str) -> None:
    text = doc.read_text(encoding="utf-8")
    begin, end = text.find(TABLE_BEGIN), text.find(TABLE_END)
    if begin < 0 or end < begin:
        raise SystemExit(f"{doc}: markers {TABLE_BEGIN!r} ... {TABLE_END!r} not found")
    text = text[:begin + len(TABLE_BEGIN)] + "\n" + body + "\n" + text[end:]
    doc.write_text(text, encoding="utf-8")


# ---------------------------------------------------------------------------


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--list", action="store_true", help="print case names, one a line")
    ap.add_argument("--all", action="store_true", help="run every case")
    ap.add_argument("--table", action="store_true",
                    help="run the cases (all unless named), measure start-up, print the table")
    ap.add_argument("--write-doc", type=Path,
                    help="with --table: replace the table between the markers of this file")
    ap.add_argument("--freezer", type=Path, help="path of the freezer binary")
    ap.add_argument("--stub", type=Path, help="freezer-stub (default: beside --freezer)")
    ap.add_argument("--work-dir", type=Path, default=HERE / "work")
    ap.add_argument("--try-flag", action="append", default=[], metavar="FLAG",
                    help="investigation: append FLAG to the named cases' freezer flags "
                         "(repeatable, e.g. --try-flag=--hidden-import=X)")
    ap.add_argument("cases", nargs="*")
    args = ap.parse_args(argv)

    try:
        cases = all_cases()
    except CaseError as exc:
        print(f"FAIL: {exc}")
        return 1
    if args.list:
        print("\n".join(cases))
        return 0
    names = list(cases) if (args.all or (args.table and not args.cases)) else args.cases
    unknown = [n for n in names if n not in cases]
    if unknown or not names:
        ap.error(f"unknown case(s): {unknown}" if unknown else "name a case, or --all")
    if os.path.realpath(sys.executable) != os.path.realpath(H.PYTHON):
        print(f"FAIL: run the corpus with {H.PYTHON} (the reference interpreter), "
              f"not {sys.executable}")
        return 1
    if args.freezer is None:
        ap.error("--freezer is required")
    freezer = args.freezer.resolve()
    if not os.access(freezer, os.X_OK):
        print(f"FAIL: freezer binary {freezer} does not exist or is not executable")
        return 1
    stub = (args.stub or freezer.parent / "freezer-stub").resolve()
    work_dir = args.work_dir.resolve()
    for name in names:
        cases[name].flags += args.try_flag
    outcomes = {}
    load_before = os.getloadavg()
    start = time.monotonic()
    for name in names:
        outcomes[name] = run_one(cases[name], freezer, stub, work_dir, timing=args.table)
    took = time.monotonic() - start
    passed = sum(o.ok for o in outcomes.values())
    if args.table:
        chosen = [cases[n] for n in names]
        body = (table(chosen, outcomes) + "\n\n"
                f"{len(chosen)} cases, {sum(c.expect_fail for c in chosen)} known failures; "
                f"this run (with timing) took {took / 60:.1f} min; load average "
                f"{load_before[0]:.2f} at its start, {os.getloadavg()[0]:.2f} at its end "
                f"(2 cores).\n\n"
                "### Root causes of the cases that do not pass\n\n" + causes(chosen))
        print(body)
        if args.write_doc:
            write_doc(args.write_doc, body)
    print(f"corpus: {passed} passed, {len(outcomes) - passed} failed ({took:.0f}s)")
    return 0 if passed == len(outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
