"""`freezer report`: the HTML page renders in a real browser (headless
Chromium runs its scripts): the module table has rows, the treemap has
rectangles, the missing imports are listed, and data that looks like markup
stays data. Chromium missing or not starting is a failure, never a skip."""
from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import harness as H

ABSENT = "freezer_report_absent_mod"
MAIN = f"""import json
import lzma
import sys
import fxrulepkg
try:
    import {ABSENT}_optional
except ImportError:
    pass
if len(sys.argv) > 5:  # never run: only the build sees this import
    import {ABSENT}
print(json.dumps([1]))
"""

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]


def _chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name, path="/usr/bin:/bin")
        if path:
            return path
    raise H.CaseFailure("chromium is not installed: the report test needs a browser to run the "
                        "page's scripts (apt-get install chromium; it is in .ci/packages)")


def _browser(page: Path, *args: str) -> H.Result:
    with tempfile.TemporaryDirectory(prefix="freezer-chromium-") as profile:
        res = H.run([_chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args,
                     page.as_uri()], env={"HOME": profile}, timeout=180)
    if res.returncode != 0 or res.timed_out:
        raise H.CaseFailure("chromium could not render the report (it must run here):\n"
                            + res.describe())
    return res


def check_html_report(ctx):
    # Markup in the page's data must stay text: a data file placed under
    # "weird</script" (its archive path) must not end the data's <script>
    # element, and the script's name "main<b>.py" (the missing imports'
    # "where") must not become markup.
    src = ctx.work / "src"
    src.mkdir()
    script = src / "main<b>.py"
    script.write_text(MAIN)
    (src / "note.txt").write_text("data\n")
    (src / "fxrulepkg").mkdir()
    (src / "fxrulepkg" / "__init__.py").write_text("")
    rules = ctx.work / "rules"
    rules.mkdir()
    (rules / "fxrulepkg.toml").write_text(
        f'[[data]]\nsource = "{src / "note.txt"}"\n[environment]\nFXRULE_NOTE = "{{files}}/fxrulepkg/note.txt"\n')
    app = ctx.work / "app&<i>"
    H.freeze(ctx.freezer, script, app, ["-q", "--add-data", f"{src / 'note.txt'}:weird</script",
                                        "--rules", str(rules)])
    page = ctx.work / "report.html"
    res = H.run([str(ctx.freezer), "report", str(app), "-o", str(page)], cwd=ctx.work)
    if res.returncode != 0 or not page.is_file():
        raise H.CaseFailure("freezer report failed\n" + res.describe())
    html = page.read_text(encoding="utf-8")
    problems = []
    # Self-contained: nothing is loaded from anywhere.
    for pattern in (r"<script[^>]+src=", r"<link\b", r"@import", r"url\(", r"<img\b", r"<iframe\b"):
        if re.search(pattern, html, re.I):
            problems.append(f"the page loads an external resource ({pattern!r} matches)")
    if "weird</script" in html:
        problems.append("'</' in the data is not escaped: it can end the <script> element")
    if html.count("</script>") != 2:
        problems.append(f"expected 2 </script> (data, code), found {html.count('</script>')}")

    dom = _browser(page, "--dump-dom").stdout.decode("utf-8", "replace")
    for name in ("__main__", "encodings", "json", "json.decoder"):
        if f'<tr data-name="{name}">' not in dom:
            problems.append(f"the module table has no row for {name} after the scripts ran")
    leaves = len(re.findall(r'<rect class="leaf"', dom))
    groups = len(re.findall(r'<rect class="group"', dom))
    if leaves < 10 or groups < 2:
        problems.append(f"the treemap has {groups} package and {leaves} member rectangles")
    if f'data-name="{ABSENT}_optional"' not in dom or f'data-name="{ABSENT}"' not in dom:
        problems.append("the imports not found are not both listed")
    if "weird&lt;/script/note.txt" not in dom:
        problems.append("the data file weird</script/note.txt is not listed as text")
    if "main&lt;b&gt;.py:" not in dom:
        problems.append("the missing import's file (main<b>.py) is not shown as text")
    if "app&amp;&lt;i&gt;" not in dom:
        problems.append("the app's name is not in the page's title, escaped")
    # Attribution: each shared library to the extension that needs it, and
    # what each package rule added and set.
    if '<tr data-name=".libs/liblzma.so.5">' not in dom or "needed by _lzma" not in dom:
        problems.append("the shared library liblzma.so.5 is not in the table attributed to _lzma")
    rule_row = re.search(r'<table id="rule-table">.*?</table>', dom, re.S)
    if not rule_row or not all(t in rule_row.group(0) for t in (
            "fxrulepkg", str(rules / "fxrulepkg.toml"), "FXRULE_NOTE={files}/fxrulepkg/note.txt",
            "fxrulepkg/note.txt <span class=\"hint\">(1 files")):
        problems.append("the package rules table does not show the rule, its file, variable and data: "
                        + (rule_row.group(0) if rule_row else "no table"))
    m = re.search(r'id="module-count">(\d+)<', dom)
    if not m or int(m.group(1)) < 20:
        problems.append(f"module count shown: {m.group(1) if m else 'none'}")

    shot = ctx.work / "report.png"
    _browser(page, f"--screenshot={shot}", "--window-size=1280,1400")
    if not shot.is_file() or shot.stat().st_size < 20000:
        problems.append(f"no (or a blank) screenshot: {shot}")
    if problems:
        problems.append(f"page: {page}")
    return problems


def register(add, Case):
    add(Case("report.html_renders", check_html_report,
             "freezer report's page renders in headless Chromium: table rows, treemap, missing imports"))
