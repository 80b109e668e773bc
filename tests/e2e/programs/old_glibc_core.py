"""What the stub's glibc pins and polyfills serve (stub/glibc_floor/), with
output that is the same on every glibc: threads, a lock wait with a timeout
(sem_clockwait), fork, os.stat and friends (the __xstat family), mknod,
close_range, getrandom, memfd_create, copy_file_range, preadv/pwritev,
openpty, signal masks, the libm functions with new versions, expat (its hash
salt from arc4random_buf) and zlib."""
import math
import os
import pty
import random
import signal
import stat
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
import zlib

results = []
threads = [threading.Thread(target=lambda i=i: results.append(i * i)) for i in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("threads:", sorted(results))

lock = threading.Lock()
lock.acquire()
start = time.monotonic()
print("timed acquire of a held lock:", lock.acquire(timeout=0.2), time.monotonic() - start >= 0.19)
lock.release()
print("acquire of a free lock:", lock.acquire(timeout=1))
ev = threading.Event()
threading.Timer(0.05, ev.set).start()
print("event set by a timer thread:", ev.wait(5))

pid = os.fork()
if pid == 0:
    os._exit(7)
print("fork child status:", os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))

with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "f")
    with open(path, "wb") as f:
        f.write(b"x" * 1234)
    os.symlink(path, os.path.join(d, "link"))
    st, lst = os.stat(os.path.join(d, "link")), os.lstat(os.path.join(d, "link"))
    print("stat size:", st.st_size, "lstat is link:", stat.S_ISLNK(lst.st_mode),
          "fstat size:", os.fstat(os.open(path, os.O_RDONLY)).st_size)
    dfd = os.open(d, os.O_RDONLY)
    print("stat dir_fd:", os.stat("f", dir_fd=dfd).st_size)
    os.mknod(os.path.join(d, "fifo"), 0o600 | stat.S_IFIFO)
    print("mknod fifo:", stat.S_ISFIFO(os.stat(os.path.join(d, "fifo")).st_mode))
    fds = [os.open(path, os.O_RDONLY) for _ in range(4)]
    os.closerange(fds[0], fds[-1] + 1)
    closed = 0
    for fd in fds:
        try:
            os.fstat(fd)
        except OSError:
            closed += 1
    print("closerange closed:", closed)
    src, dst = os.open(path, os.O_RDONLY), os.open(os.path.join(d, "g"), os.O_RDWR | os.O_CREAT)
    print("copy_file_range:", os.copy_file_range(src, dst, 1000))
    print("pwritev/preadv:", os.pwritev(dst, [b"ab", b"cd"], 0),
          os.preadv(dst, [bytearray(3), bytearray(1)], 0))

print("urandom:", len(os.urandom(32)), len(set(os.urandom(16) for _ in range(4))))
mfd = os.memfd_create("probe")
os.write(mfd, b"memfd")
print("memfd:", os.pread(mfd, 5, 0))
master, slave = pty.openpty()
os.write(slave, b"tty\n")
print("openpty:", os.read(master, 16).replace(b"\r", b""), os.isatty(slave))
old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGUSR1})
print("sigmask:", signal.SIGUSR1 in signal.pthread_sigmask(signal.SIG_SETMASK, old))

print("math:", math.exp(1), math.log(10), math.pow(2, 0.5), math.log2(1024), 2 ** 0.5,
      math.hypot(3, 4), abs(3 + 4j), math.exp(-1000))
for f, x in ((math.exp, 1000), (math.log, -1), (math.pow, (0.0, -1))):
    try:
        f(*x) if isinstance(x, tuple) else f(x)
    except (OverflowError, ValueError) as e:
        print(" ", f.__name__, type(e).__name__, e)
random.seed(15)
print("random:", [random.randint(0, 99) for _ in range(5)], round(random.gauss(0, 1), 12))
print("expat:", [e.tag for e in ET.fromstring("<a><b/><c x='1'/></a>")])
print("zlib:", zlib.crc32(b"floor"), len(zlib.compress(b"a" * 1000)))
