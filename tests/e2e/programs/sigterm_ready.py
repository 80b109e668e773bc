"""SIGTERM from outside with no handler: immediate death by SIGTERM; atexit
handlers do not run and buffered output is lost (stdout is a pipe)."""
import atexit
import signal
import sys
import time

atexit.register(print, "atexit must not run")
print("SIGTERM handler:", signal.getsignal(signal.SIGTERM))
print("buffered, never flushed")
print("ready", file=sys.stderr, flush=True)
time.sleep(120)
