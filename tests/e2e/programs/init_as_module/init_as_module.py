"""importlib.import_module("pkg.__init__") loads pkg/__init__.py a second
time as a plain module named pkg.__init__, as python's FileFinder does
(astroid imports every file of astroid/brain this way)."""
import importlib
import os

import initpkg

again = importlib.import_module("initpkg.__init__")
print(again.__name__, again is initpkg, hasattr(again, "__path__"), again.LOADS)
print(os.path.basename(again.__file__), os.path.basename(os.path.dirname(again.__file__)))
print(again.__spec__.parent, again.__package__)
try:
    importlib.import_module("initpkg.missing.__init__")
except ImportError as e:
    print("ImportError", e.name)
