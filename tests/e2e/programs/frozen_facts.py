"""Frozen-only facts (not compared with python: they differ by design).
argv[1] is the app's path as the harness installed it. The harness plants
hijack attempts: PYTHONPATH/PYTHONHOME/PYTHONSTARTUP pointing at a directory
with a json.py, and a json.py in the working directory."""
import os
import sys

app = sys.argv[1]
print("frozen:", getattr(sys, "frozen", None))
print("executable is absolute:", os.path.isabs(sys.executable))
print("executable is the app:", os.path.samefile(sys.executable, app))
print("__file__ is <app>/frozen_facts.py:",
      __file__ == os.path.join(sys.executable, "frozen_facts.py"))
print("no_site:", sys.flags.no_site, "site imported:", "site" in sys.modules)
import json  # noqa: E402
print("json hijacked:", getattr(json, "HIJACKED", False))
print("json from the app:", json.__file__.startswith(sys.executable + os.sep),
      os.path.relpath(json.__file__, sys.executable))
print("cwd on sys.path:", any(p in ("", ".", os.getcwd()) for p in sys.path))
print("sys.path directories on disk:", [p for p in sys.path if os.path.isdir(p)])
print("json.dumps works:", json.dumps({"ok": True}))
