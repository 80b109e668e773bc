"""pkg_resources in a frozen app (issue 11, defect 9): its resource calls
on bundled packages and its working set of the bundled distributions, as
under python3.11 (it knows file-system and zipimport importers only; the
payload importer registers a provider and a finder once it has run
pkg_resources: vm/support/_freezer_resources.py)."""
from __future__ import annotations

from discovery_checks import _compare

PROGRAM = """\
import sys, warnings
warnings.simplefilter("ignore", DeprecationWarning)
import pkg_resources, yaml, fxres
print(pkg_resources.get_distribution("PyYAML").version == yaml.__version__,
      pkg_resources.require("PyYAML")[0].project_name,
      "pyyaml" in {d.key for d in pkg_resources.working_set})
print(pkg_resources.resource_string("fxres", "data/a.txt"))
print(pkg_resources.resource_exists("fxres", "data/a.txt"), pkg_resources.resource_exists("fxres", "nope"))
print(pkg_resources.resource_isdir("fxres", "data"), pkg_resources.resource_isdir("fxres", "data/a.txt"),
      sorted(pkg_resources.resource_listdir("fxres", "data")))
with pkg_resources.resource_stream("fxres", "data/b.txt") as f:
    print(f.read())
print(sys.path[0], len(sys.path) == len(set(sys.path)))
"""

FILES = {"main.py": PROGRAM, "fxres/__init__.py": "", "fxres/data/a.txt": "first\n",
         "fxres/data/b.txt": "second\n"}


def pkg_resources_frozen(ctx):
    return _compare(ctx, FILES, ["main.py"], ["main.py"])


def register(add, Case):
    add(Case("pkg_resources.resources_and_working_set", pkg_resources_frozen,
             "pkg_resources' resource calls and working set on the payload (defect 9)"))
