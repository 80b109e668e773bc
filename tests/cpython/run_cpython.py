#!/usr/bin/python3.11
"""CPython's own regression tests, frozen and under python3.11 (issue 14).

  run_cpython.py --freezer BUILD/bin/freezer --fast            # the ctest subset
  run_cpython.py --freezer BUILD/bin/freezer --full [--jobs 2] [--write-doc docs/compatibility.md]
  run_cpython.py --freezer BUILD/bin/freezer test_os test_json  # named modules

Freezes runner.py (what `python3.11 -m test` runs) once with `--include-package
test`, then for each module of modules.txt runs

  /usr/bin/python3.11 -m test -v MODULE      on the host, and
  APP -v MODULE                              frozen, in a root

one module per process, in a fresh working directory, with a wall limit, and
compares the two runs case by case (regrtest's verbose lines and its
FAIL:/ERROR: blocks), the module's result and the exit status. One line per
module: `same NAME` or `DIFF NAME: python=... frozen=... first: CASE`.

Where the frozen app runs (--env):
  host-without-python (default): a private mount namespace in which the host's
      Python installation is hidden (empty directories mounted over it), so the
      app has nothing but its payload to import from, while the tests find the
      same /bin/sh, coreutils, /etc/passwd, /etc/hosts, locales and time zones
      python3.11 finds on the host (many tests use them: a glibc-only root would
      turn those into differences that say nothing about freezing);
  glibc-root: the glibc-only root of tests/e2e (nothing but the glibc family).

exclusions.txt lists cases (or modules) excluded on the frozen side only, each
with its inherent reason. An excluded case must still differ: the run fails if
it does not (the exclusion is stale). Exit status 0 when every module is `same`
(after exclusions) and no exclusion is stale; 1 otherwise.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import dataclasses
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.dont_write_bytecode = True
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "e2e"))
import harness as H  # noqa: E402

MODULES_FILE = HERE / "modules.txt"
EXCLUSIONS_FILE = HERE / "exclusions.txt"
RUNNER = HERE / "runner.py"
DEFAULT_TIMEOUT = 300
# The same options on both sides; -v gives one line per case.
REGRTEST_OPTIONS = ["-v"]
FREEZE_OPTIONS = ["--include-package", "test"]
TABLE_BEGIN = "<!-- cpython-table:begin (written by tests/cpython/run_cpython.py --write-doc) -->"
TABLE_END = "<!-- cpython-table:end -->"
# The host's Python, hidden from the frozen app in host-without-python.
HIDDEN_PYTHON_DIRS = ["/usr/lib/python3.11", "/usr/lib/python3", "/usr/local/lib/python3.11"]
HIDDEN_PYTHON_FILES = ["/usr/bin/python3.11"]  # /usr/bin/python3 links to it


class HarnessFailure(Exception):
    pass


# ---------------------------------------------------------------------------
# The lists


@dataclasses.dataclass
class Module:
    name: str
    fast: bool
    timeout: int


def read_modules(path: Path = MODULES_FILE) -> list[Module]:
    modules, seen = [], set()
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        name, *attrs = line.split()
        fast, timeout = False, DEFAULT_TIMEOUT
        for attr in attrs:
            if attr == "fast":
                fast = True
            elif attr.startswith("timeout=") and attr[8:].isdigit():
                timeout = int(attr[8:])
            else:
                raise HarnessFailure(f"{path}:{lineno}: unknown attribute {attr!r}")
        if not re.fullmatch(r"test_\w+", name) or name in seen:
            raise HarnessFailure(f"{path}:{lineno}: bad or repeated module name {name!r}")
        seen.add(name)
        modules.append(Module(name, fast, timeout))
    return modules


@dataclasses.dataclass
class Exclusion:
    target: str   # a module (test_x) or a case id (test.test_x.Class.test_y)
    reason: str
    where: str    # file:line


def read_exclusions(path: Path = EXCLUSIONS_FILE) -> dict[str, Exclusion]:
    """Lines `TARGET: REASON`; # comments. A reason is mandatory."""
    out = {}
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        target, sep, reason = line.partition(":")
        target, reason = target.strip(), reason.strip()
        if not sep or not reason or not re.fullmatch(r"[\w.]+", target):
            raise HarnessFailure(f"{path}:{lineno}: expected 'TARGET: inherent reason'")
        out[target] = Exclusion(target, reason, f"{path.name}:{lineno}")
    return out


# ---------------------------------------------------------------------------
# One regrtest run, parsed

# "test_x (test.test_m.Class.test_x) ... ok" and friends (unittest -v, 3.11).
CASE_START = re.compile(r"^(\w+) \(([\w.<>]+\.\w+)\)(?: \((.*)\))?")
OUTCOMES = [("ok", "ok"), ("FAIL", "FAIL"), ("ERROR", "ERROR"), ("skipped", "skipped"),
            ("expected failure", "expected failure"), ("unexpected success", "unexpected success")]
BLOCK = re.compile(r"^(FAIL|ERROR|UNEXPECTED SUCCESS): (\w+) \(([\w.<>]+\.\w+)\)", re.M)
RESULT = re.compile(r"^== Tests result: (.*) ==$", re.M)
RAN = re.compile(r"^Ran (\d+) tests? in", re.M)


@dataclasses.dataclass
class Run:
    status: str                   # "exit 0", "signal SIGABRT", "timeout"
    result: str                   # regrtest's "Tests result" ("SUCCESS", "FAILURE", ...)
    ran: int | None
    cases: dict[str, str]         # case id -> outcome
    output: str
    seconds: float

    def short(self) -> str:
        bits = [self.result or "no result"]
        if self.status != "exit 0" and not (self.status == "exit 2" and self.result == "FAILURE"):
            bits.append(self.status)
        bad = sum(1 for o in self.cases.values() if o in ("FAIL", "ERROR", "unexpected success"))
        if bad:
            bits.append(f"{bad} failing")
        return ", ".join(bits)


def outcome_of(rest: str) -> str | None:
    rest = rest.strip()
    for prefix, outcome in OUTCOMES:
        if rest == prefix or rest.startswith(prefix + " "):
            return outcome
    return None


def parse_run(res: H.Result, seconds: float) -> Run:
    text = res.stdout.decode("utf-8", "backslashreplace") + "\n" + \
        res.stderr.decode("utf-8", "backslashreplace")
    cases: dict[str, str] = {}
    lines = text.splitlines()
    for i, line in enumerate(lines):
        m = CASE_START.match(line)
        if not m or " ... " not in line and not (i + 1 < len(lines) and " ... " in lines[i + 1]):
            continue
        case_id = m.group(2)
        # The outcome follows " ... " on this line, the next, or (a test that
        # printed, maybe hundreds of lines) on a later line of its own, before
        # the next case starts.
        after = line.split(" ... ", 1)[1] if " ... " in line else lines[i + 1].split(" ... ", 1)[1]
        outcome = outcome_of(after)
        j = i + 1
        while outcome is None and j < len(lines) and j < i + 2000 and not CASE_START.match(lines[j]):
            outcome = outcome_of(lines[j].split(" ... ")[-1])
            j += 1
        if outcome is None:
            outcome = "unknown"
        # Subtests: keep the worst outcome of a case.
        if cases.get(case_id) not in ("FAIL", "ERROR"):
            cases[case_id] = outcome
    for m in BLOCK.finditer(text):
        kind = "unexpected success" if m.group(1) == "UNEXPECTED SUCCESS" else m.group(1)
        cases[m.group(3)] = kind
    if res.timed_out:
        status = "timeout"
    elif res.returncode < 0:
        status = res.status_text().replace("killed by signal ", "signal ").split(" (")[0]
    else:
        status = f"exit {res.returncode}"
    results = RESULT.findall(text)
    ran = RAN.findall(text)
    return Run(status, results[-1] if results else "", int(ran[-1]) if ran else None,
               cases, text, seconds)


# ---------------------------------------------------------------------------
# Comparison


@dataclasses.dataclass
class Verdict:
    module: str
    same: bool
    line: str
    stale: list[str]          # exclusions that no longer differ
    excluded: list[str]       # exclusions that applied
    python: Run
    frozen: Run


def differing_cases(py: Run, fz: Run) -> list[str]:
    ids = list(dict.fromkeys(list(py.cases) + list(fz.cases)))
    return [c for c in ids if py.cases.get(c) != fz.cases.get(c)]


def excludes_case_of(target: str, module: str, py: Run) -> bool:
    """A module's cases are test.MODULE.*, and ids outside test.* that its
    python run reports (test_unittest runs unittest.test.*, test_ctypes
    ctypes.test.*)."""
    return target.startswith(f"test.{module}.") or (not target.startswith("test.") and target in py.cases)


def judge(module: str, py: Run, fz: Run, exclusions: dict[str, Exclusion]) -> Verdict:
    diffs = differing_cases(py, fz)
    module_excl = exclusions.get(module)
    case_excl = {t: e for t, e in exclusions.items() if excludes_case_of(t, module, py)}
    stale = [t for t in case_excl if t not in diffs]
    excluded = [t for t in case_excl if t in diffs]
    rest = [c for c in diffs if c not in case_excl]
    # Differences outside the cases (status, result, how many ran) count
    # unless excluded cases explain them.
    whole = py.status != fz.status or py.result != fz.result or py.ran != fz.ran
    if whole and excluded and not rest:
        whole = not explained_by_exclusions(py, fz, excluded)
    same = not rest and not whole
    if py.status == "timeout":
        # No reference to compare with: never `same`, whatever the app did.
        return Verdict(module, False, f"DIFF {module}: python timed out (raise its timeout= in "
                       f"modules.txt) frozen={fz.short()}", [], [], py, fz)
    if module_excl:
        if same and not excluded:
            stale.append(module)
        excluded.append(module)
        same = True
    if same:
        note = f" ({len(excluded)} excluded)" if excluded else ""
        line = f"same {module}{note}"
    else:
        first = rest[0] if rest else "(no case differs: " + whole_difference(py, fz) + ")"
        if rest:
            first += f" python={py.cases.get(rest[0], 'absent')} frozen={fz.cases.get(rest[0], 'absent')}"
        line = f"DIFF {module}: python={py.short()} frozen={fz.short()} first: {first}"
        if len(rest) > 1:
            line += f" (+{len(rest) - 1} more cases)"
    return Verdict(module, same, line, stale, excluded, py, fz)


def explained_by_exclusions(py: Run, fz: Run, excluded: list[str]) -> bool:
    """Excluded cases fail frozen: the module's result then differs only as a
    consequence (FAILURE, exit 2), with the same number of cases run."""
    return (py.ran == fz.ran and fz.result in ("FAILURE", py.result)
            and fz.status in ("exit 2", py.status))


def whole_difference(py: Run, fz: Run) -> str:
    parts = []
    if py.status != fz.status:
        parts.append(f"status {py.status} vs {fz.status}")
    if py.result != fz.result:
        parts.append(f"result {py.result or '-'} vs {fz.result or '-'}")
    if py.ran != fz.ran:
        parts.append(f"ran {py.ran} vs {fz.ran}")
    tail = [ln for ln in fz.output.strip().splitlines() if ln.strip()][-1:]
    if tail:
        parts.append(f"frozen's last line: {tail[0][:160]}")
    return "; ".join(parts) or "?"


# ---------------------------------------------------------------------------
# Where the frozen app runs


class Place:
    """Runs the frozen app: in a glibc-only root, or on the host with the
    host's Python hidden. `argv_prefix` + app path + args."""

    def __init__(self, kind: str, work: Path, app: Path):
        self.kind = kind
        self.work = work
        if kind == "glibc-root":
            self.root = H.make_root(work / "root")
            H.check_root(self.root)
            H.install_app(self.root, app)
            self.app = H.ROOT_APP
        else:
            H.require_root_capabilities()
            self.root = None
            self.app = str(app)
            check = self.run([], probe=True)
            if check.returncode != 0:
                raise H.HarnessError("cannot hide the host's Python in a mount namespace:\n"
                                     + check.describe())

    def run(self, args, *, cwd: Path | None = None, timeout: int = 60, probe: bool = False):
        if self.kind == "glibc-root":
            # The root's working directory is /work; each module gets its own
            # directory below it.
            return H.run_in_root(self.root, [self.app, *args], timeout=timeout)
        empty = self.work / "empty"
        empty.mkdir(exist_ok=True)
        empty_file = self.work / "empty-file"
        empty_file.touch()
        mounts = [f'mount --bind {empty} {d} || exit 125' for d in HIDDEN_PYTHON_DIRS
                  if os.path.isdir(d)]
        mounts += [f'mount --bind {empty_file} {f} || exit 125' for f in HIDDEN_PYTHON_FILES
                   if os.path.exists(f)]
        if probe:
            script = "; ".join(mounts + ['test ! -e /usr/lib/python3.11/os.py || exit 126',
                                         'exit 0'])
            return H.run([H.UNSHARE, "-m", "--propagation", "private", "--", H.SH, "-c", script],
                         timeout=30)
        script = "; ".join(mounts + ['cd "$1" || exit 125', 'shift', 'exec "$@"'])
        return H.run([H.UNSHARE, "-m", "--propagation", "private", "--", H.SH, "-c", script,
                      "sh", str(cwd), self.app, *args], timeout=timeout)


def run_python(module: Module, cwd: Path) -> Run:
    start = time.monotonic()
    res = H.run([H.PYTHON, "-m", "test", *REGRTEST_OPTIONS, module.name], cwd=cwd,
                timeout=module.timeout)
    return parse_run(res, time.monotonic() - start)


def run_frozen(place: Place, module: Module, cwd: Path) -> Run:
    start = time.monotonic()
    res = place.run([*REGRTEST_OPTIONS, module.name], cwd=cwd, timeout=module.timeout)
    return parse_run(res, time.monotonic() - start)


def run_module(place: Place, module: Module, work: Path,
               exclusions: dict[str, Exclusion]) -> Verdict:
    base = work / "modules" / module.name
    if base.exists():
        shutil.rmtree(base)
    (base / "python").mkdir(parents=True)
    (base / "frozen").mkdir(parents=True)
    py = run_python(module, base / "python")
    fz = run_frozen(place, module, base / "frozen")
    (base / "python.log").write_text(py.output, encoding="utf-8")
    (base / "frozen.log").write_text(fz.output, encoding="utf-8")
    return judge(module.name, py, fz, exclusions)


# ---------------------------------------------------------------------------


def freeze_runner(freezer: Path, stub: Path, work: Path) -> tuple[Path, float, str]:
    app = work / "regrtest"
    build = work / "build"
    if build.exists():
        shutil.rmtree(build)
    build.mkdir(parents=True)
    shutil.copy2(RUNNER, build / "runner.py")
    start = time.monotonic()
    res = H.run([str(freezer), "build", str(build / "runner.py"), "-o", str(app),
                 "--stub", str(stub), *FREEZE_OPTIONS], cwd=build, timeout=900)
    took = time.monotonic() - start
    log = res.stdout.decode("utf-8", "replace") + res.stderr.decode("utf-8", "replace")
    (work / "build.log").write_text(log, encoding="utf-8")
    if res.returncode != 0 or not app.is_file():
        raise HarnessFailure("freezing the regrtest runner failed:\n" + res.describe())
    return app, took, log


def table(verdicts: list[Verdict], exclusions: dict[str, Exclusion], *, took: float,
          size: int, env: str) -> str:
    same = sum(v.same for v in verdicts)
    lines = [f"{same} of {len(verdicts)} modules give the same result frozen as under "
             f"python3.11 (frozen in `{env}`; app {size / 1e6:.1f} MB; the run took "
             f"{took / 60:.1f} min).", "",
             "| module | result | python | frozen | first differing case |",
             "|---|---|---|---|---|"]
    for v in verdicts:
        first = ""
        if not v.same:
            first = (v.line.split(" first: ", 1)[1] if " first: " in v.line
                     else v.line.split(": ", 1)[1]).replace("|", "\\|")
        result = "same" if v.same else "**DIFF**"
        if v.same and v.excluded:
            result += f" ({len(v.excluded)} excluded)"
        lines.append(f"| {v.module} | {result} | {v.python.short()} | {v.frozen.short()} "
                     f"| {first} |")
    used = [e for e in exclusions.values()
            if any(e.target == v.module or excludes_case_of(e.target, v.module, v.python)
                   for v in verdicts)]
    if used:
        lines += ["", "Excluded on the frozen side (`tests/cpython/exclusions.txt`):", ""]
        lines += [f"- `{e.target}`: {e.reason}" for e in used]
    return "\n".join(lines)


def doc_text(doc: Path) -> str:
    """The page --write-doc rewrites, checked before a run of an hour
    rather than after it."""
    try:
        text = doc.read_text(encoding="utf-8")
    except OSError as e:
        raise HarnessFailure(f"--write-doc {doc}: {e.strerror}") from None
    begin, end = text.find(TABLE_BEGIN), text.find(TABLE_END)
    if begin < 0 or end < begin:
        raise HarnessFailure(f"{doc}: markers {TABLE_BEGIN!r} ... {TABLE_END!r} not found")
    return text


def write_doc(doc: Path, body: str) -> None:
    text = doc_text(doc)
    begin, end = text.find(TABLE_BEGIN), text.find(TABLE_END)
    doc.write_text(text[:begin + len(TABLE_BEGIN)] + "\n" + body + "\n" + text[end:],
                   encoding="utf-8")


def self_test() -> int:
    """The comparison can fail: a differing case, a stale exclusion, a crash,
    and regrtest's verbose output parsed as it is printed."""
    ex = {"test.test_m.C.test_a": Exclusion("test.test_m.C.test_a", "r", "x:1"),
          "test_z": Exclusion("test_z", "r", "x:2")}
    ok = Run("exit 0", "SUCCESS", 2, {"test.test_m.C.test_a": "ok", "test.test_m.C.test_b": "ok"}, "", 0)
    one = Run("exit 2", "FAILURE", 2, {"test.test_m.C.test_a": "FAIL", "test.test_m.C.test_b": "ok"}, "", 0)
    two = Run("exit 2", "FAILURE", 2, {"test.test_m.C.test_a": "FAIL", "test.test_m.C.test_b": "ERROR"}, "", 0)
    crash = Run("signal SIGABRT", "", None, {}, "Fatal Python error", 0)
    hung = Run("timeout", "", None, {}, "", 0)
    checks = [
        (judge("test_m", ok, one, ex).same, True),             # the excluded case explains it
        (judge("test_m", ok, ok, ex).stale, ["test.test_m.C.test_a"]),  # no longer differs
        (judge("test_m", ok, two, ex).same, False),            # another case differs
        (judge("test_m", ok, crash, {}).same, False),
        (judge("test_m", hung, hung, {}).same, False),          # no reference
        (judge("test_z", ok, ok, ex).stale, ["test_z"]),
        (judge("test_m", ok, ok, {}).same, True),
    ]
    # A case id outside test.* belongs to the module whose python run has it.
    ex_u = {"unittest.test.T.test_u": Exclusion("unittest.test.T.test_u", "r", "x:3")}
    ok_u = Run("exit 0", "SUCCESS", 1, {"unittest.test.T.test_u": "ok"}, "", 0)
    one_u = Run("exit 2", "FAILURE", 1, {"unittest.test.T.test_u": "FAIL"}, "", 0)
    checks += [(judge("test_unittest", ok_u, one_u, ex_u).same, True),
               (judge("test_unittest", ok_u, ok_u, ex_u).stale, ["unittest.test.T.test_u"])]
    out = ("test_a (test.test_m.C.test_a) ... ok\n"
           "test_b (test.test_m.C.test_b) ... printed\nFAIL\n"
           "test_c (test.test_m.f.<locals>.C.test_c) ... skipped 'no'\n"
           "======\nERROR: test_d (test.test_m.C.test_d)\n----\nRan 4 tests in 0.1s\n"
           "== Tests result: FAILURE ==\n")
    run = parse_run(H.Result([], 2, out.encode(), b""), 0)
    checks.append((run.cases, {"test.test_m.C.test_a": "ok", "test.test_m.C.test_b": "FAIL",
                               "test.test_m.f.<locals>.C.test_c": "skipped",
                               "test.test_m.C.test_d": "ERROR"}))
    checks.append(((run.result, run.ran, run.status), ("FAILURE", 4, "exit 2")))
    bad = [i for i, (got, want) in enumerate(checks) if got != want]
    for i in bad:
        print(f"--- FAIL cpython self-test check {i}: got {checks[i][0]!r}, want {checks[i][1]!r}")
    read_modules()
    read_exclusions()
    print(f"cpython self-test: {len(checks) - len(bad)} of {len(checks)} checks pass")
    return 1 if bad else 0


def main(argv=None) -> int:
    if argv is None and sys.argv[1:] == ["--self-test"]:
        return self_test()
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--freezer", type=Path, required=True)
    ap.add_argument("--stub", type=Path, help="freezer-stub (default: beside --freezer)")
    ap.add_argument("--fast", action="store_true", help="the modules marked fast")
    ap.add_argument("--full", action="store_true", help="every module of modules.txt")
    ap.add_argument("--env", choices=["host-without-python", "glibc-root"],
                    default="host-without-python", help="where the frozen app runs")
    ap.add_argument("--jobs", type=int, default=1, help="modules run at once")
    ap.add_argument("--work-dir", type=Path, default=Path(tempfile.gettempdir()) / "freezer-cpython")
    ap.add_argument("--write-doc", type=Path, help="replace the table between the markers")
    ap.add_argument("modules", nargs="*")
    args = ap.parse_args(argv)
    try:
        return run_all(args, ap)
    except (HarnessFailure, H.HarnessError, H.CaseFailure) as exc:
        print(f"--- FAIL cpython: {exc}")
        return 1


def run_all(args, ap) -> int:
    if os.path.realpath(sys.executable) != os.path.realpath(H.PYTHON):
        raise HarnessFailure(f"run with {H.PYTHON}, not {sys.executable}")
    if not os.path.isdir("/usr/lib/python3.11/test/libregrtest"):
        raise HarnessFailure("CPython's test suite is not installed: apt-get install "
                             "libpython3.11-testsuite (.ci/packages)")
    modules = read_modules()
    exclusions = read_exclusions()
    by_name = {m.name: m for m in modules}
    if args.modules:
        unknown = [n for n in args.modules if n not in by_name]
        chosen = [by_name.get(n) or Module(n, False, DEFAULT_TIMEOUT) for n in args.modules]
        if unknown:
            print(f"(not in modules.txt, run with the default limit: {' '.join(unknown)})")
    elif args.full:
        chosen = modules
    elif args.fast:
        chosen = [m for m in modules if m.fast]
    else:
        ap.error("name modules, or --fast, or --full")
    if args.write_doc:
        doc_text(args.write_doc)
    freezer = args.freezer.resolve()
    stub = (args.stub or freezer.parent / "freezer-stub").resolve()
    work = args.work_dir.resolve()
    work.mkdir(parents=True, exist_ok=True)
    start = time.monotonic()
    app, build_s, build_log = freeze_runner(freezer, stub, work)
    size = app.stat().st_size
    print(f"froze the runner in {build_s:.0f}s: {app} ({size / 1e6:.1f} MB); "
          f"warnings in {work / 'build.log'}", flush=True)
    place = Place(args.env, work, app)
    verdicts: dict[str, Verdict] = {}
    with concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as pool:
        futures = {pool.submit(run_module, place, m, work, exclusions): m for m in chosen}
        for fut in concurrent.futures.as_completed(futures):
            v = fut.result()
            verdicts[v.module] = v
            print(f"{v.line}  [{v.python.seconds:.0f}s / {v.frozen.seconds:.0f}s]", flush=True)
            for t in v.stale:
                print(f"STALE EXCLUSION {t} ({exclusions[t].where}): it no longer differs "
                      "frozen; remove it", flush=True)
    ordered = [verdicts[m.name] for m in chosen]
    took = time.monotonic() - start
    same = sum(v.same for v in ordered)
    stale = [t for v in ordered for t in v.stale]
    print(f"cpython: {same} same, {len(ordered) - same} DIFF of {len(ordered)} modules; "
          f"{len(stale)} stale exclusions ({took / 60:.1f} min; logs in {work / 'modules'})")
    if args.write_doc:
        write_doc(args.write_doc, table(ordered, exclusions, took=took, size=size, env=args.env))
    ok = same == len(ordered) and not stale
    if not ok:
        print("--- FAIL cpython")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
