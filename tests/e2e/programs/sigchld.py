"""SIGCHLD: default disposition, then a handler that reaps forked children
with waitpid; exit statuses and signals of the children as python sees them."""
import os
import signal
import time

print("SIGCHLD default:", signal.getsignal(signal.SIGCHLD))
reaped = []


def on_child(signum, frame):
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        reaped.append(os.waitstatus_to_exitcode(status))


signal.signal(signal.SIGCHLD, on_child)
for code in (0, 3, 7):
    pid = os.fork()
    if pid == 0:
        os._exit(code)
pid = os.fork()
if pid == 0:
    os.kill(os.getpid(), signal.SIGKILL)
deadline = time.monotonic() + 30
while len(reaped) < 4 and time.monotonic() < deadline:
    time.sleep(0.01)
print("reaped:", sorted(reaped))
signal.signal(signal.SIGCHLD, signal.SIG_DFL)
print("done")
