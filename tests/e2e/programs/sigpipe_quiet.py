"""`app | head -1` handled the way the Python docs advise: catch
BrokenPipeError, point stdout at devnull, exit 1, and say nothing."""
import os
import sys

try:
    for i in range(200000):
        print(f"line {i} " + "x" * 60)
    sys.stdout.flush()
except BrokenPipeError:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    print("broken pipe handled", file=sys.stderr)
    sys.exit(1)
