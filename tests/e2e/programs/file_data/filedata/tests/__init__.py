"""A test suite that finds its modules by listing its own directory, as
ctypes.test and unittest.test do: nothing imports them by name."""
import importlib
import os

HERE = os.path.dirname(__file__)


def load():
    names = sorted(f[:-3] for f in os.listdir(HERE) if f.startswith("test_") and f.endswith(".py"))
    return [(n, importlib.import_module(__name__ + "." + n).VALUE) for n in names]
