"""Threads, a queue (the _queue extension module), a lock and an event."""
import queue
import threading

results = queue.Queue()
lock = threading.Lock()
counter = 0
start = threading.Event()


def work(n):
    global counter
    start.wait()
    total = sum(range(n * 1000))
    with lock:
        counter += 1
    results.put((n, total))


threads = [threading.Thread(target=work, args=(n,), name=f"worker-{n}") for n in range(8)]
for t in threads:
    t.start()
start.set()
for t in threads:
    t.join()
print("counter:", counter)
print("results:", sorted(results.get() for _ in range(results.qsize())))
print("main thread:", threading.current_thread().name, threading.active_count())
