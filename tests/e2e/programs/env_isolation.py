"""Frozen-only: PYTHON* variables that would change python's behaviour
(verbose imports, warnings as errors, inspect mode, hash seed, optimize,
unbuffered...) are ignored by a frozen app. Run with them all set."""
import sys

print("warnoptions:", sys.warnoptions)
print("verbose:", sys.flags.verbose, "inspect:", sys.flags.inspect,
      "optimize:", sys.flags.optimize, "debug:", sys.flags.debug, "dev_mode:", sys.flags.dev_mode)
print("assert runs:", end=" ")
try:
    assert False, "asserts are on"
except AssertionError as exc:
    print(exc)
print("done")
