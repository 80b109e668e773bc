"""concurrent.futures.ThreadPoolExecutor: map, as_completed, an exception
carried by a future, thread names."""
import concurrent.futures as cf
import threading


def work(n):
    if n == 5:
        raise ValueError("five is bad")
    return n * n, threading.current_thread().name.startswith("pool_")


with cf.ThreadPoolExecutor(max_workers=4, thread_name_prefix="pool") as ex:
    futures = {ex.submit(work, n): n for n in range(8)}
    results = {}
    for f in cf.as_completed(futures):
        n = futures[f]
        try:
            results[n] = f.result()
        except ValueError as exc:
            results[n] = f"error: {exc}"
    print(sorted(results.items()))
    print(list(ex.map(abs, [-1, -2, 3])))
print("threads after shutdown:", threading.active_count())
