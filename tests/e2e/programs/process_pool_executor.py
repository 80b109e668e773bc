"""concurrent.futures.ProcessPoolExecutor with the default (fork) context and
with a spawn context; an exception in a worker comes back to the parent."""
import concurrent.futures as cf
import multiprocessing as mp


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def boom(x):
    raise KeyError(x)


if __name__ == "__main__":
    with cf.ProcessPoolExecutor(max_workers=2) as ex:
        print("fork:", list(ex.map(fib, range(15))))
    with cf.ProcessPoolExecutor(max_workers=2, mp_context=mp.get_context("spawn")) as ex:
        print("spawn:", list(ex.map(fib, [20, 21, 22])))
        fut = ex.submit(boom, "missing")
        try:
            fut.result(timeout=60)
        except KeyError as exc:
            print("worker raised KeyError:", exc)
