"""Issue 14, defect 9: `--xoption frozen_modules=off` built an app that
could not start (the stdlib modules libpython carries frozen are not in the
payload). The build refuses it with one line naming the option."""
from __future__ import annotations

import harness as H


def check_frozen_modules_off(ctx):
    src = ctx.work / "hello.py"
    src.write_text("print('hello')\n")
    out = ctx.work / "app"
    res = H.run([str(ctx.freezer), "build", str(src), "-o", str(out), "--xoption",
                 "frozen_modules=off"])
    problems = []
    err = res.stderr.decode()
    if res.returncode == 0 or res.timed_out:
        problems.append("--xoption frozen_modules=off was accepted:\n" + res.describe())
    elif not err.startswith("freezer: error: --xoption frozen_modules=off: ") or err.count("\n") != 1:
        problems.append("expected one line 'freezer: error: --xoption frozen_modules=off: ...':\n"
                        + res.describe())
    if out.exists():
        problems.append(f"a refused build left {out}")
    return problems


def register(add, Case):
    add(Case("build.frozen_modules_off", check_frozen_modules_off,
             "--xoption frozen_modules=off is refused with one line (the app could not start)"))
