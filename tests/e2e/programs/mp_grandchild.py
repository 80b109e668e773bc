"""The child key (issue 13) reaches every process multiprocessing starts,
grandchildren included, and no process sees it: a spawn child starts a spawn
Pool; a forkserver Pool and shared memory (the resource tracker) work too;
os.environ and /proc/self/environ show no freezer variable anywhere."""
import multiprocessing as mp
import os
from multiprocessing import shared_memory


def leaf(x):
    return x * 2


def env_view(_=None):
    with open("/proc/self/environ", "rb") as f:
        raw = f.read()
    return (sorted(k for k in os.environ if "FREEZER" in k), b"FREEZER" in raw)


def middle(q):
    with mp.get_context("spawn").Pool(2) as pool:
        q.put((pool.map(leaf, range(4)), env_view(), pool.apply(env_view)))


if __name__ == "__main__":
    spawn = mp.get_context("spawn")
    q = spawn.Queue()
    p = spawn.Process(target=middle, args=(q,))
    p.start()
    print("grandchildren:", q.get(timeout=120))
    p.join()
    print("middle exitcode:", p.exitcode)
    with mp.get_context("forkserver").Pool(2) as pool:
        print("forkserver:", pool.map(leaf, range(3)), pool.apply(env_view))
    shm = shared_memory.SharedMemory(create=True, size=16)
    shm.buf[:2] = b"ok"
    print("shared memory:", bytes(shm.buf[:2]))
    shm.close()
    shm.unlink()
    print("parent:", env_view())
