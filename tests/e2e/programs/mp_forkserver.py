"""multiprocessing with the forkserver start method: the server preloads
__main__ (as __mp_main__) and forks workers for a Pool; a Queue between a
Process and the parent; exit codes of children that fail or call sys.exit."""
import multiprocessing as mp
import os
import sys


def cube(x):
    return x ** 3


def producer(q, n):
    for i in range(n):
        q.put(("item", i, __name__))
    q.put(None)


def failing():
    sys.stderr = open(os.devnull, "w")  # the child's traceback is not compared
    raise ValueError("child fails")


def exiting():
    sys.exit(7)


if __name__ == "__main__":
    mp.freeze_support()
    ctx = mp.get_context("forkserver")
    with ctx.Pool(2) as pool:
        print("cubes:", pool.map(cube, range(8)))
        print("async:", pool.apply_async(cube, (11,)).get(timeout=60))
    q = ctx.Queue()
    p = ctx.Process(target=producer, args=(q, 3))
    p.start()
    items = list(iter(q.get, None))
    p.join()
    print("queue:", items, "exitcode", p.exitcode)
    for target in (failing, exiting):
        c = ctx.Process(target=target)
        c.start()
        c.join()
        print(target.__name__, "exitcode:", c.exitcode)
