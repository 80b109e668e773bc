"""Signal dispositions python sets up (SIGINT -> KeyboardInterrupt, SIGPIPE
ignored, ...), then death by SIGTERM sent to itself."""
import os
import signal
import sys

for sig in (signal.SIGINT, signal.SIGPIPE, signal.SIGXFSZ, signal.SIGTERM, signal.SIGHUP):
    h = signal.getsignal(sig)
    print(sig.name, getattr(h, "__name__", h))
try:
    os.kill(os.getpid(), signal.SIGINT)
    print("SIGINT not delivered?")
except KeyboardInterrupt:
    print("SIGINT became KeyboardInterrupt")
print("sending SIGTERM to myself")
sys.stdout.flush()
os.kill(os.getpid(), signal.SIGTERM)
print("not reached")
