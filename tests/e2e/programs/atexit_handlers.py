"""Exit through atexit handlers: they run last-registered first, with their
arguments, after sys.exit; a failing handler is reported and the rest run.
Frozen with --include-source (the failing handler prints a traceback)."""
import atexit
import sys


def goodbye(name, punctuation="!"):
    print(f"goodbye, {name}{punctuation}")


class Failing:
    """A callable with a stable repr (a function's repr has an address)."""

    def __call__(self):
        raise RuntimeError("handler failed")

    def __repr__(self):
        return "<Failing handler>"


@atexit.register
def first_registered():
    print("first registered, runs last")
    sys.stdout.flush()


atexit.register(goodbye, "world", punctuation=".")
atexit.register(Failing())
atexit.register(goodbye, "atexit")
unregistered = atexit.register(print, "unregistered: never printed")
atexit.unregister(print)
print("main body done; exiting with 5")
sys.exit(5)
