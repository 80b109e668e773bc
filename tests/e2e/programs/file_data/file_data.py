"""Code that opens data next to its own __file__, the way much code in the
wild does; frozen with --extract-package filedata."""
import json
import os

import filedata
from filedata import tables

print(filedata.load())
print(tables.lookup("b"))
print(os.path.isdir(os.path.dirname(filedata.__file__)))
print(sorted(os.listdir(os.path.join(os.path.dirname(filedata.__file__), "data"))))
# importlib.resources reads a package on disk there too (mypy compares the two).
from importlib import resources
print(str(resources.files("filedata")) == os.path.dirname(filedata.__file__))
print(sorted(p.name for p in (resources.files("filedata") / "data").iterdir()))
# A helper a package runs by path keeps its execute bit on disk; data stays plain.
data = os.path.join(os.path.dirname(filedata.__file__), "data")
print(os.access(os.path.join(data, "run.sh"), os.X_OK), os.access(os.path.join(data, "letters.txt"), os.X_OK))
# A test suite that lists its own directory brings every module there; a
# python child run in that directory with -m finds the files beside it.
import subprocess
import sys

import filedata.tests

print(filedata.tests.load())
top = os.path.dirname(os.path.dirname(filedata.__file__))
for args in (["-E", "-m", "_beside_helper"], ["-m", "filedata.tests", "_beside_helper"]):
    r = subprocess.run([sys.executable] + args, cwd=filedata.tests.HERE, capture_output=True, text=True,
                       env=dict(os.environ, PYTHONPATH=top))
    print(r.returncode, r.stdout.strip(), r.stderr.strip()[-200:])
