"""KeyboardInterrupt raised by the program and not caught: python prints the
traceback, then kills itself with SIGINT (so the status is the signal)."""
import sys


def handler():
    print("working...")
    sys.stdout.flush()
    raise KeyboardInterrupt


handler()
