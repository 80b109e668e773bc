"""sys.path in a frozen app (issue 11, defect 8): [<app>], as for a zip app,
so code that reads sys.path[0] works (pytest's "prepend" import mode); the
payload importer serves that entry (sys.path_importer_cache, a path hook
ahead of zipimport's), so nothing is imported from the app but through it,
pkgutil lists the payload's modules as python lists a directory, and
importlib.metadata lists each distribution once."""
from __future__ import annotations

from discovery_checks import _compare, _expect

# What python3.11 running the script and the frozen app print alike (the
# script's directory and the app are both <DIR> after normalisation).
PROGRAM = """\
import importlib, importlib.metadata, os, pkgutil, shutil, sys, tempfile
import yaml, fxpkg, fxpkg.sub.leaf, fxmod
print("sys.path[0]:", sys.path[0])
print("the script beside it:", os.path.dirname(__file__) == sys.path[0])
print("iter_modules(fxpkg):", [(m.name, m.ispkg) for m in pkgutil.iter_modules(fxpkg.__path__)])
print("walk_packages(fxpkg):", [(m.name, m.ispkg) for m in pkgutil.walk_packages(fxpkg.__path__, "fxpkg.")])
print("iter_modules():", [(m.name, m.ispkg) for m in pkgutil.iter_modules() if m.name.startswith("fx")])
print("importer of sys.path[0] is fxmod's:",
      pkgutil.get_importer(sys.path[0]).find_spec("fxmod").origin == fxmod.__spec__.origin)
print("PyYAML listed once:", sum(d.metadata["Name"] == "PyYAML" for d in importlib.metadata.distributions()))
print("version:", importlib.metadata.version("PyYAML") == yaml.__version__)
# pytest's prepend mode: the test's directory goes first on sys.path and the
# module is imported from disk by name.
tests = tempfile.mkdtemp()
with open(os.path.join(tests, "fxdisk_test.py"), "w") as f:
    f.write("VALUE = 'imported from a directory put on sys.path'\\n")
sys.path.insert(0, tests)
print(importlib.import_module("fxdisk_test").VALUE)
sys.path.remove(tests)
shutil.rmtree(tests)
"""

FILES = {
    "main.py": PROGRAM,
    "fxmod.py": "",
    "fxpkg/__init__.py": "",
    "fxpkg/one.py": "",
    "fxpkg/sub/__init__.py": "",
    "fxpkg/sub/leaf.py": "",
}


def sys_path_like_python(ctx):
    return _compare(ctx, FILES, ["main.py", "--include-package", "fxpkg"], ["main.py"])


# An extracted package's __path__ is a directory on disk holding no modules:
# pkgutil still lists the payload's (Django's migrations, management
# commands), and no zipimporter is made for it (it would parse the whole
# payload's directory in Python at start-up).
EXTRACTED_EXTRA = """\
import zipimport
print("zipimporters:", [k for k, v in sys.path_importer_cache.items()
                        if isinstance(v, zipimport.zipimporter)])
print("find_spec through the directory:",
      pkgutil.get_importer(fxpkg.__path__[0]).find_spec("fxpkg.one").name,
      pkgutil.get_importer(fxpkg.__path__[0]).find_spec("json"))
"""


def sys_path_like_python_extracted(ctx):
    files = dict(FILES, **{"main.py": PROGRAM + EXTRACTED_EXTRA})
    return _compare(ctx, files, ["main.py", "--include-package", "fxpkg", "--extract-package", "fxpkg"],
                    ["main.py"])


# Frozen-only facts: the app is the one entry, and zipimport never gets it,
# not even after the importer caches are cleared.
FACTS = """\
import importlib, importlib.machinery, json, os, pkgutil, sys, zipimport
app = os.path.dirname(__file__)
print(sys.path == [app], sys.path_importer_cache[app] is json.__loader__)
sys.path_importer_cache.clear()
importlib.invalidate_caches()
print(importlib.machinery.PathFinder.find_spec("json").loader is json.__loader__,
      importlib.machinery.PathFinder.find_spec("fx_not_bundled"),
      pkgutil.get_importer(app) is json.__loader__)
print([type(f).__name__ for f in sys.path_importer_cache.values()
       if isinstance(f, zipimport.zipimporter)])
"""


def sys_path_served_by_payload(ctx):
    return _expect(ctx, {"main.py": FACTS}, ["main.py"], "True True\nTrue None True\n[]\n")


def register(add, Case):
    add(Case("sys_path.like_python", sys_path_like_python,
             "sys.path[0] is the app, pkgutil and importlib.metadata as under python (defect 8)"))
    add(Case("sys_path.like_python_extracted", sys_path_like_python_extracted,
             "pkgutil lists an extracted package's modules from the payload, with no zipimporter"))
    add(Case("sys_path.served_by_payload", sys_path_served_by_payload,
             "the app's sys.path entry is the payload importer's, never zipimport's (defect 8)"))
