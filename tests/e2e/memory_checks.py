"""Memory a frozen app holds that python would not (issue #16): the pages of
its own mapped payload that bytecode was read from are given back once the
code objects are built (vm/payload_page_release.h), so they do not stay in
the process's RSS for its whole life; python reads each .pyc into a buffer
it frees. Outputs are compared with /usr/bin/python3.11 running the same
source."""
from __future__ import annotations

import json
import re
from pathlib import Path

import harness as H
from native_share_checks import _freeze, _python, _run_waiting, _same_output

# Imports a good part of the standard library (several MB of bytecode),
# waits so its mappings can be read, then names its modules on stderr (python
# has site's on top).
IMPORTING = (
    "import argparse, asyncio, csv, dataclasses, decimal, difflib, email.message, email.parser,\\\n"
    "    fractions, http.client, inspect, json, logging.handlers, pathlib, pickle, pydoc, shlex,\\\n"
    "    statistics, string, tarfile, textwrap, typing, unittest, urllib.request, uuid,\\\n"
    "    xml.dom.minidom, xml.etree.ElementTree, zipfile\n"
    "import sys\n"
    "print(len(sys.modules) > 200, flush=True)\n"
    "sys.stdin.readline()\n"
    "print('done')\n"
    "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n")
# Bytecode read through the mapping must be at least this much for the check
# to mean anything; resident payload pages at most this much afterwards (the
# release batch, vm/payload_page_release.h, and the payload's index).
MIN_BYTECODE_READ = 3 << 20
MAX_RESIDENT = 1 << 20


def _payload_rss(pid: int, app: Path) -> int:
    """Bytes resident in process `pid`'s largest read-only mapping of `app`
    from offset 0 (the payload mapping; the loader maps the stub's segments
    separately)."""
    best = (0, 0)  # (size, rss)
    current = None
    for line in Path(f"/proc/{pid}/smaps").read_text().splitlines():
        m = re.match(r"^([0-9a-f]+)-([0-9a-f]+) (\S+) ([0-9a-f]+) \S+ \S+\s*(.*)$", line)
        if m:
            current = None
            if m.group(5) == str(app) and m.group(3) == "r--p" and int(m.group(4), 16) == 0:
                current = int(m.group(2), 16) - int(m.group(1), 16)
        elif current is not None and line.startswith("Rss:"):
            best = max(best, (current, int(line.split()[1]) * 1024))
    return best[1]


def check_bytecode_pages_released(ctx):
    app = _freeze(ctx, "importing", IMPORTING)
    ref = _python(ctx, "importing")
    rss, res = _run_waiting(app, {}, lambda pid: _payload_rss(pid, app))
    problems = _same_output(ref, res, "frozen")
    listing = H.run([str(ctx.freezer), "list", str(app), "--json"])
    sizes = {e["name"]: e["stored_size"] for e in json.loads(listing.stdout)
             if e["kind"] in ("module", "package") and e["compression"] == "stored"}
    imported = res.stderr.decode().split()
    read = sum(sizes.get(name, 0) for name in imported)
    if read < MIN_BYTECODE_READ:
        problems.append(f"only {read} bytes of stored bytecode imported (the check needs {MIN_BYTECODE_READ})")
    if rss is None or rss > MAX_RESIDENT:
        problems.append(f"{rss} bytes of the payload mapping resident after importing {read} bytes of "
                        f"bytecode (at most {MAX_RESIDENT})")
    return problems


def register(add, Case):
    add(Case("memory.bytecode_pages_released", check_bytecode_pages_released,
             "payload pages bytecode was read from leave the RSS once the code objects are built"))
