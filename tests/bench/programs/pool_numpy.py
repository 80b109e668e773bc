"""multiprocessing Pool(4) with the spawn start method, each worker importing
numpy (at the top: spawn re-runs this body as __mp_main__ in every worker)
and solving a small linear system. A barrier makes the four tasks run on
four different workers, so all four have imported numpy and computed.

tests/bench/memory_bench.py sets BENCH_HOLD=READY_FD,GO_FD: the parent then
says "ready" on the first and waits for a byte on the second while the
workers are still alive, so their memory can be sampled."""
import multiprocessing as mp
import os

import numpy as np

_barrier = None


def _init(barrier):
    global _barrier
    _barrier = barrier


def solve(n):
    _barrier.wait()
    a = np.arange(1.0, 17.0).reshape(4, 4) + n * np.eye(4)
    x = np.linalg.solve(a, np.ones(4))
    return n, round(float(x.sum()), 9), round(float(np.linalg.det(a)), 6)


if __name__ == "__main__":
    mp.set_start_method("spawn")
    with mp.Pool(4, initializer=_init, initargs=(mp.Barrier(4),)) as pool:
        for row in pool.map(solve, range(1, 5), chunksize=1):
            print("solve:", *row)
        if os.environ.get("BENCH_HOLD"):
            ready, go = map(int, os.environ["BENCH_HOLD"].split(","))
            os.write(ready, b"r")
            os.read(go, 1)
    print("start method:", mp.get_start_method())
