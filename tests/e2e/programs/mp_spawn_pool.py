"""multiprocessing with the spawn start method: a Pool maps a function
defined in __main__; each child re-runs the main script as __mp_main__
(its module body, not the __main__ guard) before unpickling the function."""
import multiprocessing as mp
import os
import sys

BODY_RUNS_AS = __name__


def square(x):
    return x * x


def where(_):
    main = sys.modules["__main__"]
    return (BODY_RUNS_AS, main.__name__, os.path.basename(main.__file__),
            os.getpid() != PARENT_PID)


PARENT_PID = int(os.environ.get("MP_PARENT_PID", "0"))

if __name__ == "__main__":
    os.environ["MP_PARENT_PID"] = str(os.getpid())
    mp.set_start_method("spawn")
    with mp.Pool(2) as pool:
        print("squares:", pool.map(square, range(10)))
        print("children:", sorted(set(pool.map(where, range(4)))))
    p = mp.Process(target=square, args=(3,), name="single")
    p.start()
    p.join()
    print("exitcode:", p.exitcode)
    print("start method:", mp.get_start_method())
