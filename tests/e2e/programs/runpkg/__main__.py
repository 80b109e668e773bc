"""`-m runpkg`: runs as __main__ with __spec__ naming runpkg.__main__."""
import sys

from . import tool

print("__main__: __name__ =", __name__, "__spec__.name =", __spec__.name,
      "__package__ =", __package__)
print("file:", __file__.rsplit("/", 2)[-2:])
print("args:", sys.argv[1:])
print("tool says:", tool.greet("main"))
print("modules:", sorted(m for m in sys.modules if m.startswith("runpkg")))
