#!/usr/bin/python3.11
"""Runs one end-to-end case (or lists them).

  run_case.py --list
  run_case.py --freezer BUILD/bin/freezer [--work-dir DIR] CASE [CASE...]
  run_case.py --freezer BUILD/bin/freezer --all

Exit status 0 when every named case passes; 1 otherwise (environment
problems are failures too: nothing is skipped). The scratch directory of a
case (DIR/CASE) is emptied when the case starts and kept afterwards for
inspection.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
import traceback
from pathlib import Path

sys.dont_write_bytecode = True  # keep the source tree free of __pycache__
sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness as H  # noqa: E402
from cases import CASES, Context  # noqa: E402


def run_one(name: str, ctx: Context) -> bool:
    case = CASES[name]
    print(f"=== {name}: {case.doc}", flush=True)
    start = time.monotonic()
    try:
        if ctx.work.exists():
            shutil.rmtree(ctx.work)
        ctx.work.mkdir(parents=True)
        problems = case.run(ctx)
    except H.HarnessError as exc:
        problems = [f"ENVIRONMENT PROBLEM (the test cannot run here, so it fails): {exc}"]
    except H.CaseFailure as exc:
        problems = [str(exc)]
    except Exception:  # a harness bug: say so loudly
        problems = ["HARNESS ERROR:\n" + traceback.format_exc()]
    took = time.monotonic() - start
    if problems:
        print(f"--- FAIL {name} ({took:.1f}s), scratch dir kept: {ctx.work}")
        for p in problems:
            print(p.rstrip("\n"))
            print()
        return False
    print(f"--- PASS {name} ({took:.1f}s)")
    return True


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--list", action="store_true", help="print case names, one a line")
    ap.add_argument("--all", action="store_true", help="run every case")
    ap.add_argument("--freezer", type=Path, help="path of the freezer binary")
    ap.add_argument("--stub", type=Path, help="freezer-stub (default: beside --freezer)")
    ap.add_argument("--work-dir", type=Path, default=Path(__file__).resolve().parent / "work")
    ap.add_argument("cases", nargs="*")
    args = ap.parse_args(argv)

    if args.list:
        print("\n".join(CASES))
        return 0
    names = list(CASES) if args.all else args.cases
    unknown = [n for n in names if n not in CASES]
    if unknown or not names:
        ap.error(f"unknown case(s): {unknown}" if unknown else "name a case, or --all")
    if os.path.realpath(sys.executable) != os.path.realpath(H.PYTHON):
        print(f"FAIL: run the harness with {H.PYTHON} (the reference interpreter), "
              f"not {sys.executable}")
        return 1
    if args.freezer is None:
        ap.error("--freezer is required")
    freezer = args.freezer.resolve()
    if not os.access(freezer, os.X_OK):
        print(f"FAIL: freezer binary {freezer} does not exist or is not executable")
        return 1
    stub = (args.stub or freezer.parent / "freezer-stub").resolve()
    ok = True
    for name in names:
        ctx = Context(freezer=freezer, stub=stub, work=args.work_dir.resolve() / name)
        ok &= run_one(name, ctx)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
