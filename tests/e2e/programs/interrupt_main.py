"""_thread.interrupt_main() from a worker thread: KeyboardInterrupt in the
main thread, uncaught: traceback, then death by SIGINT. --include-source."""
import _thread
import threading
import time


def poke():
    time.sleep(0.2)
    _thread.interrupt_main()


threading.Thread(target=poke).start()
print("waiting", flush=True)
while True:
    time.sleep(0.01)
