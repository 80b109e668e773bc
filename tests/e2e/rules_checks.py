"""Package rules written by a user (issue 12): a rule in pyproject.toml fixes
a package whose plugin is chosen by a configuration string, which no scan
can see. The app fails without the rule and matches python3.11 with it;
`freezer why` names the rule, `freezer rules` says it applies and why, and
`freezer rules show` prints it."""
from __future__ import annotations

import harness as H

PYPROJECT = '''[project]
name = "conftool"

[tool.freezer]
entry = "main.py"

[tool.freezer.rules.conftool]
note = "backends are named in conftool.cfg"
hidden-imports = ["conftool.backends.*"]
'''

FILES = {
    "main.py": "import conftool\nconftool.run('conftool.cfg')\n",
    "conftool/__init__.py": (
        "import importlib\n\n"
        "def run(config):\n"
        "    with open(config) as f:\n"
        "        settings = dict(line.strip().split(' = ') for line in f if ' = ' in line)\n"
        "    backend = importlib.import_module(settings['backend'])\n"
        "    print(backend.render({'b': 2, 'a': 1}))\n"),
    "conftool/backends/__init__.py": "",
    "conftool/backends/plain.py": "def render(d):\n    return ' '.join(f'{k}={v}' for k, v in sorted(d.items()))\n",
    "conftool/backends/fancy.py": (
        "import json\n\ndef render(d):\n    return 'fancy ' + json.dumps(d, sort_keys=True)\n"),
}
CONFIG = "# which renderer\nbackend = conftool.backends.fancy\n"


def check_user_rule_in_pyproject(ctx):
    proj = ctx.work / "proj"
    for rel, text in FILES.items():
        (proj / rel).parent.mkdir(parents=True, exist_ok=True)
        (proj / rel).write_text(text)
    (proj / "pyproject.toml").write_text(PYPROJECT)
    rule_line = PYPROJECT.splitlines().index("[tool.freezer.rules.conftool]") + 1
    cwd = ctx.work / "pycwd"
    cwd.mkdir()
    (cwd / "conftool.cfg").write_text(CONFIG)
    ref = H.run_python(proj / "main.py", [], cwd=cwd)
    if ref.returncode != 0 or b"fancy" not in ref.stdout:
        raise H.HarnessError("python3.11 did not run the program\n" + ref.describe())
    problems = []
    root = H.make_root(ctx.work / "root")
    H.add_root_files(root, {"/work/conftool.cfg": CONFIG})

    def built_app(*flags):
        app = proj / "app"
        res = H.run([str(ctx.freezer), "build", "-o", str(app), *flags], cwd=proj)
        if res.returncode != 0:
            raise H.CaseFailure("freezer build failed\n" + res.describe())
        H.install_app(root, app)
        return H.run_frozen_in_root(root, [])

    without = built_app("--without-rule", "conftool")
    if without.returncode == 0 or b"No module named 'conftool.backends" not in without.stderr:
        problems.append("without the rule the app should fail to import the configured backend "
                        "(else this case proves nothing)\n" + without.describe())
    frozen = built_app()
    problems += H.compare(ref, frozen, exp_norm=[], act_norm=[])

    why = H.run([str(ctx.freezer), "why", "main.py", "conftool.backends.fancy"], cwd=proj)
    if why.returncode != 0 or f"package rule conftool (pyproject.toml:{rule_line})".encode() not in why.stdout:
        problems.append(f"freezer why should name the rule (pyproject.toml:{rule_line})\n" + why.describe())
    rules = H.run([str(ctx.freezer), "rules"], cwd=proj)
    if rules.returncode != 0 or b"conftool       applies: conftool is bundled" not in rules.stdout \
            or b"backends are named in conftool.cfg" not in rules.stdout:
        problems.append("`freezer rules` in the project should say the rule applies and why\n" + rules.describe())
    show = H.run([str(ctx.freezer), "rules", "show", "conftool"], cwd=proj)
    if show.returncode != 0 or b'hidden-imports = ["conftool.backends.*"]' not in show.stdout:
        problems.append("`freezer rules show conftool` should print the rule\n" + show.describe())
    missing = H.run([str(ctx.freezer), "rules", "show", "nosuchrule"], cwd=proj)
    problems += H.check_one_line_error(missing, what="an unknown rule",
                                       must_start="freezer: error: rules show nosuchrule: no such package rule")
    return problems


def register(add, Case):
    add(Case("rules.user_rule_in_pyproject", check_user_rule_in_pyproject,
             "a [tool.freezer.rules] table fixes a plugin named in a config file; why, rules and rules show name it"))
