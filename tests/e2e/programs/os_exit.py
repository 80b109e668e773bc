"""os._exit(4) skips the flush of a block-buffered stdout (a pipe) and atexit."""
import atexit
import os
import sys

atexit.register(print, "atexit must not run")
print("buffered, lost with os._exit when stdout is a pipe")
sys.stderr.write("stderr is line buffered: kept\n")
os._exit(4)
