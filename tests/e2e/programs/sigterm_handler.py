"""A SIGTERM handler that raises SystemExit: the sleep is interrupted, the
finally block and atexit handlers run, the status is the handler's."""
import atexit
import signal
import sys
import time


def on_term(signum, frame):
    print("handler got", signal.Signals(signum).name, "in", frame.f_code.co_name)
    sys.exit(143 - 100)


signal.signal(signal.SIGTERM, on_term)
atexit.register(print, "atexit runs")


def main():
    try:
        print("ready", flush=True)
        time.sleep(120)
    finally:
        print("finally runs")


main()
