"""[tool.freezer] in pyproject.toml: `freezer init` writes it, `freezer
build` alone builds from it (flags win), and a mistyped key is one error
line naming the file, the line and the key."""
from __future__ import annotations

import re

import harness as H


def check_pyproject_build(ctx):
    proj = ctx.work / "proj"
    (proj / "src").mkdir(parents=True)
    (proj / "src" / "tool.py").write_text("import sys\nprint('tool', sys.argv[1:])\n")
    (proj / "pyproject.toml").write_text('[project]\nname = "tool"\n')
    res = H.run([str(ctx.freezer), "init", "src/tool.py"], cwd=proj)
    if res.returncode != 0:
        raise H.CaseFailure("freezer init failed\n" + res.describe())
    text = (proj / "pyproject.toml").read_text()
    problems = []
    if not text.startswith('[project]\nname = "tool"\n\n[tool.freezer]\n'):
        problems.append("init did not append to the existing file:\n" + text)
    if H.run([str(ctx.freezer), "init", "src/tool.py"], cwd=proj).returncode == 0:
        problems.append("a second init did not refuse")
    # Uncomment one key: output goes to out/ (created), relative to the file.
    if '# output = "dist/tool"' not in text:
        problems.append("init does not show the default output dist/tool:\n" + text)
    (proj / "pyproject.toml").write_text(text.replace('# output = "dist/tool"', 'output = "out/tool"'))
    res = H.run([str(ctx.freezer), "build"], cwd=proj)
    if res.returncode != 0 or not (proj / "out" / "tool").is_file():
        return problems + ["`freezer build` with no arguments did not build out/tool\n" + res.describe()]
    run = H.run([str(proj / "out" / "tool"), "x"], cwd=ctx.work)
    if run.stdout != b"tool ['x']\n":
        problems.append("the app built from pyproject.toml misbehaves\n" + run.describe())
    if not re.fullmatch(rb"freezer: wrote out/tool \([0-9.]+ [kMG]?B\) in [0-9.]+ s\n", res.stderr):
        problems.append("not on a terminal, a clean build prints one `wrote` line\n" + res.describe())
    res = H.run([str(ctx.freezer), "build", "-o", "other"], cwd=proj)
    if res.returncode != 0 or not (proj / "other").is_file():
        problems.append("-o on the command line did not win over output\n" + res.describe())
    (proj / "pyproject.toml").write_text(text + "hiden-imports = []\n")
    line = text.count("\n") + 1
    res = H.run([str(ctx.freezer), "build"], cwd=proj)
    problems += H.check_one_line_error(
        res, what="unknown key",
        must_start=f"freezer: error: pyproject.toml:{line}: unknown key 'tool.freezer.hiden-imports'")
    return problems


def register(add, Case):
    add(Case("project.pyproject_build", check_pyproject_build,
             "freezer init, then freezer build alone; flags win; unknown keys are errors with their line"))
