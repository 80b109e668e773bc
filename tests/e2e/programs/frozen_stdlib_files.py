"""Stdlib modules imported during start-up (zipimport, codecs, abc, io...)
have __file__ and __spec__.loader_state.filename as under python, in the
stdlib directory (the app, for a frozen program) (issue 14, defect 8)."""
import os
import sys

for name in ("_frozen_importlib", "_frozen_importlib_external", "zipimport", "codecs", "abc",
             "io", "os", "stat", "posixpath", "genericpath", "_collections_abc"):
    m = sys.modules[name]
    f = getattr(m, "__file__", None)
    state = m.__spec__.loader_state
    rel = f and os.path.relpath(f, sys._stdlib_dir)
    print(name, rel, state.filename == f, m.__spec__.origin, m.__spec__.has_location)
import codecs  # noqa: E402
print("codecs beside os:", os.path.dirname(codecs.__file__) == os.path.dirname(os.__file__))
