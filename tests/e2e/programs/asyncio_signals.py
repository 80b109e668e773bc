"""asyncio's add_signal_handler: SIGTERM and SIGUSR1 sent to itself wake the
loop through the signal wakeup fd."""
import asyncio
import os
import signal


async def main():
    loop = asyncio.get_running_loop()
    got = asyncio.Queue()
    for sig in (signal.SIGTERM, signal.SIGUSR1):
        loop.add_signal_handler(sig, got.put_nowait, sig.name)
    os.kill(os.getpid(), signal.SIGUSR1)
    print("first:", await asyncio.wait_for(got.get(), 10))
    os.kill(os.getpid(), signal.SIGTERM)
    print("second:", await asyncio.wait_for(got.get(), 10))
    loop.remove_signal_handler(signal.SIGTERM)
    print("SIGTERM restored:", signal.getsignal(signal.SIGTERM) == signal.SIG_DFL)


asyncio.run(main())
