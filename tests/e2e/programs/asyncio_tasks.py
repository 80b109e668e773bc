"""asyncio: tasks, gather, wait_for timeout, run_in_executor, cancellation,
and an exception escaping asyncio.run (traceback, status 1).
Frozen with --include-source."""
import asyncio


async def job(n, delay):
    await asyncio.sleep(delay)
    return n * 2


def blocking(x):
    return sum(range(x))


async def main():
    print("gather:", await asyncio.gather(*(job(n, 0.01 * n) for n in range(5))))
    try:
        await asyncio.wait_for(asyncio.sleep(10), timeout=0.05)
    except asyncio.TimeoutError:
        print("wait_for timed out")
    loop = asyncio.get_running_loop()
    print("executor:", await loop.run_in_executor(None, blocking, 1000))
    t = asyncio.create_task(asyncio.sleep(10))
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled:", t.cancelled())
    raise RuntimeError("escaped from the event loop")


asyncio.run(main())
