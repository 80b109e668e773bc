"""`freezer report`: the HTML page renders in a real browser (headless
Chromium runs its scripts): the module table has rows, the treemap has
rectangles, the missing imports are listed, and data that looks like markup
stays data. Chromium missing or not starting is a failure, never a skip."""
from __future__ import annotations

import json
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


BUILD_PAGE_MAIN = """import sys
import json
import lzma
try:
    import fxguarded_absent
except ImportError:
    pass
def later():
    import fxdelayed_absent
if len(sys.argv) > 5:  # never run: only the build sees these imports
    import fxtop_absent
    import fxexcluded
print(json.dumps([1]))
"""


def check_build_page(ctx):
    """`freezer build --report FILE.html` writes the page with the build's
    time per phase; the page (and `freezer report`'s, from the app alone)
    shows the options the app was built with, lists as "required, not
    found" only the imports that can fail at run time (top-level, delayed,
    excluded), each with whether the search path holds it and the fix, and
    puts each shared library with the package of the extension that needs
    it, in the table and the treemap. Rendered in headless Chromium; the
    screenshot's top, where the options and times are, is not blank and
    shows the time bars. The JSON report carries the same."""
    src = ctx.work / "src"
    src.mkdir()
    (src / "main.py").write_text(BUILD_PAGE_MAIN)
    (src / "fxexcluded.py").write_text("X = 1\n")
    app = ctx.work / "dist" / "main"
    page = ctx.work / "page.html"
    flags = ["--hidden-import", "colorsys", "--compress", "--exclude-module", "fxexcluded", "--force"]
    res = H.run([str(ctx.freezer), "build", "main.py", "-q", "-o", str(app), "--report", str(page), *flags],
                cwd=src, env={"HOME": str(ctx.work)})
    if res.returncode != 0 or not page.is_file() or not app.is_file():
        raise H.CaseFailure("freezer build --report FILE.html failed\n" + res.describe())
    problems = []
    dom = _browser(page, "--dump-dom").stdout.decode("utf-8", "replace")

    def table(name):
        m = re.search(r'<table id="%s">.*?</table>' % name, dom, re.S)
        return m.group(0) if m else ""

    def row(tab, name):
        m = re.search(r'<tr data-name="%s">.*?</tr>' % re.escape(name), table(tab), re.S)
        return m.group(0) if m else ""

    options = table("options-table")
    for flag, value in [("--hidden-import", "colorsys"), ("--compress", ""), ("--exclude-module", "fxexcluded"),
                        ("SCRIPT", "main.py")]:
        if f"<td><code>{flag}</code></td><td>{value}</td>" not in options:
            problems.append(f"the options table does not show {flag} {value}: {options or 'no table'}")
    if "--output" in options or str(ctx.work) in options:
        problems.append("the options table shows where the output went (not an option of the app)")
    phases = table("phase-table")
    for phase in ("scan", "collect", "collect native", "write"):
        if not re.search(r'<tr data-phase="%s"><td>%s</td><td class="num">\d+ ms</td>' % (phase, phase), phases):
            problems.append(f"the phase table has no time for {phase}: {phases or 'no table'}")
    if "<b>total</b>" not in phases:
        problems.append("the phase table has no total")
    for name, cls, found, fix in [
            ("fxtop_absent", "top-level", "no", "not on the search path"),
            ("fxdelayed_absent", "delayed", "no", "not on the search path"),
            ("fxexcluded", "excluded", "yes: <code>fxexcluded.py</code>",
             "build without --exclude-module fxexcluded")]:
        r = row("missing-table", name)
        if not r or f'<td class="required">{cls}</td>' not in r or f'<td class="found">{found}' not in r \
                or f'<td class="fix">{fix}' not in r:
            problems.append(f"required, not found: the row of {name} does not say {cls}, {found!r}, {fix!r}: "
                            f"{r or 'no row'}")
    if row("missing-table", "fxguarded_absent") or not row("guarded-table", "fxguarded_absent"):
        problems.append("the guarded import is listed as required, or not among the guarded")
    lib = re.search(r'<tr data-name=".libs/liblzma.so.5">(.*?)</tr>', dom, re.S)
    if not lib or "<td>_lzma</td>" not in lib.group(1) or "needed by _lzma" not in lib.group(1):
        problems.append("the table does not give liblzma.so.5 the package _lzma: " + (lib.group(0) if lib else "no row"))
    if not re.search(r'<rect class="leaf" data-name=".libs/liblzma.so.5" data-group="_lzma"', dom):
        problems.append("the treemap does not put liblzma.so.5 in the _lzma group")
    # The screenshot: the top holds the options and times; the bars are the accent colour.
    shot = ctx.work / "page.png"
    _browser(page, f"--screenshot={shot}", "--window-size=1280,900")
    try:
        from PIL import Image
    except ImportError as exc:
        raise H.CaseFailure("python3-pil is needed to read the screenshot (it is in .ci/packages)") from exc
    with Image.open(shot) as img:
        top = img.convert("RGB").crop((0, 0, 1280, 600))
        colours = top.getcolors(maxcolors=1 << 20) or []
        accent = sum(n for n, c in colours if abs(c[0] - 0x2f) + abs(c[1] - 0x6f) + abs(c[2] - 0xdb) < 24)
    if len(colours) < 20 or accent < 200:
        problems.append(f"the screenshot's top looks blank or has no time bars ({len(colours)} colours, "
                        f"{accent} bar pixels): {shot}")
    # `freezer report` from the app alone: the options, the same classes, and no times.
    alone = ctx.work / "alone.html"
    res = H.run([str(ctx.freezer), "report", str(app), "-o", str(alone)], cwd=ctx.work)
    if res.returncode != 0:
        return problems + ["freezer report failed\n" + res.describe()]
    dom = _browser(alone, "--dump-dom").stdout.decode("utf-8", "replace")
    # (The page's script holds its markup too: a rendered row is what tells.)
    if "<td><code>--hidden-import</code></td><td>colorsys</td>" not in dom or '<tr data-phase="scan">' in dom \
            or "Build times are not stored in the app" not in dom or 'data-name="fxexcluded"' not in dom:
        problems.append("freezer report's page lacks the options or the classes, or shows times the app cannot hold")
    # The JSON report: the same facts.
    report = ctx.work / "r.json"
    res = H.run([str(ctx.freezer), "build", "main.py", "-q", "-o", str(ctx.work / "again"), "--report", str(report),
                 *flags], cwd=src, env={"HOME": str(ctx.work)})
    data = json.loads(report.read_text()) if res.returncode == 0 and report.is_file() else {}
    libs = {lib["name"]: lib for lib in data.get("native", {}).get("libraries", [])}
    fixes = {m["name"]: (m["class"], m["on_search_path"], m["fix"]) for m in data.get("missing", [])}
    if [p["name"] for p in data.get("phases", [])][-1:] != ["write"] \
            or {"flag": "--compress", "value": ""} not in data.get("options", []) \
            or libs.get("liblzma.so.5", {}).get("package") != "_lzma" \
            or fixes.get("fxtop_absent", ("",))[0] != "top-level" or fixes.get("fxguarded_absent", ("", "", "x"))[2] != "":
        problems.append("the JSON report lacks phases, options, the library's package or the fixes\n"
                        + res.describe() + json.dumps({k: data.get(k) for k in ("phases", "options")})[:2000])
    if problems:
        problems.append(f"page: {page}")
    return problems


def register(add, Case):
    add(Case("report.html_renders", check_html_report,
             "freezer report's page renders in headless Chromium: table rows, treemap, missing imports"))
    add(Case("report.build_page", check_build_page,
             "build --report FILE.html: options, time per phase, required imports with fixes, libraries by package"))
