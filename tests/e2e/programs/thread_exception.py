"""An exception escaping a thread: threading.excepthook prints it (with the
pure-Python traceback module) and the program carries on to exit 0.
Frozen with --include-source."""
import threading


def worker():
    data = {"items": []}
    return data["items"][0]


t = threading.Thread(target=worker, name="loader")
t.start()
t.join()
print("main thread continues")
