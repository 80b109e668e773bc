"""Ctrl-C caught: the program reports it and exits with status 130."""
import sys
import time

try:
    print("ready", flush=True)
    for _ in range(1200):
        time.sleep(0.1)
except KeyboardInterrupt as exc:
    print("interrupted:", type(exc).__name__, repr(exc))
    sys.exit(130)
