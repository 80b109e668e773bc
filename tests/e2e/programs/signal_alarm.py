"""signal.alarm and setitimer: handlers run in the main thread and can
interrupt a blocking sleep by raising."""
import signal
import time


class Timeout(Exception):
    pass


def on_alarm(signum, frame):
    raise Timeout(signal.Signals(signum).name)


signal.signal(signal.SIGALRM, on_alarm)
signal.alarm(1)
try:
    time.sleep(30)
except Timeout as exc:
    print("alarm interrupted sleep:", exc)
ticks = []
signal.signal(signal.SIGALRM, lambda s, f: ticks.append(s))
signal.setitimer(signal.ITIMER_REAL, 0.05, 0.05)
while len(ticks) < 3:
    signal.pause()
signal.setitimer(signal.ITIMER_REAL, 0)
print("timer ticks:", len(ticks))
print("pending alarm:", signal.alarm(0))
