"""-O / -OO (--optimize 1 / 2): asserts and `if __debug__` blocks gone;
with 2, docstrings gone too. sys.flags.optimize agrees."""
import sys


def documented():
    """A docstring."""


print("sys.flags.optimize:", sys.flags.optimize)
print("__debug__:", __debug__)
print("docstring:", documented.__doc__)
print("module doc:", __doc__ is not None)
try:
    assert False, "assert ran"
    print("assert skipped")
except AssertionError as exc:
    print(exc)
if __debug__:
    print("debug block ran")
import json  # noqa: E402
print("stdlib docstring kept:", json.dumps.__doc__ is not None)
