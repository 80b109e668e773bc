"""Ctrl-C while sleeping: the harness waits for "ready", then sends SIGINT
to the process group. KeyboardInterrupt unwinds through finally, the
traceback is printed, and the process dies by SIGINT (so a shell stops a
loop). Frozen with --include-source."""
import atexit
import sys
import time

atexit.register(print, "atexit runs")


def wait_forever():
    try:
        print("ready", flush=True)
        time.sleep(120)
    finally:
        print("finally runs", flush=True)


wait_forever()
print("not reached")
