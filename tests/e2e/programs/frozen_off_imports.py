"""Imports with frozen modules turned off (what test.support.import_helper.
import_fresh_module does): the stdlib modules libpython carries frozen come
from their unfrozen copies in the payload, as python reads them from its library."""
import sys, _imp, importlib
for name in ("stat", "posixpath", "importlib"):
    saved = sys.modules.pop(name, None)
    _imp._override_frozen_modules_for_tests(-1)
    try:
        if name == "importlib":
            sys.modules["_frozen_importlib"] = None
            for k in [k for k in sys.modules if k.startswith("importlib")]:
                del sys.modules[k]
        m = importlib.import_module(name) if name != "importlib" else __import__("importlib")
        print(name, m.__spec__.origin.rsplit("/", 1)[-1], type(m.__spec__.loader).__name__ != "FrozenImporter")
        if name == "importlib":
            print(m._bootstrap.__name__, hasattr(m._bootstrap, "_setup"))
    finally:
        _imp._override_frozen_modules_for_tests(0)
