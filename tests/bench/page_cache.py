"""The files a program opens, and dropping them from the page cache: a cold
start for one program without dropping the whole machine's cache (which the
other users of a shared machine would pay for).

    /usr/bin/python3.11 tests/bench/page_cache.py evict LIST   # LIST: one path a line

posix_fadvise(DONTNEED) drops a file's clean pages that no process maps; what
a running process maps (libc, the dynamic loader) stays, as after a reboot
where init and the shell have loaded them already.
"""
import os
import re
import subprocess
import sys

# strace -f lines: `PID openat(AT_FDCWD, "/path", O_RDONLY|O_CLOEXEC) = 3`
OPEN = re.compile(r'\b(?:openat|open|execve)\((?:[^,]*, )?"((?:[^"\\]|\\.)*)".*\)\s+=\s+(\d+)')


def parse_strace(text):
    """Paths of the successful opens and execs in strace output, in order, once each."""
    seen = {}
    for line in text.splitlines():
        m = OPEN.search(line)
        if m:
            seen.setdefault(m.group(1), None)
    return list(seen)


def opened_files(argv, env, log_path):
    """Regular files (outside /proc, /sys, /dev) the run of argv opens."""
    subprocess.run(["strace", "-f", "-qq", "-e", "trace=open,openat,execve", "-o", log_path, *argv],
                   env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    with open(log_path) as f:
        paths = parse_strace(f.read())
    return [p for p in paths if not p.startswith(("/proc/", "/sys/", "/dev/")) and os.path.isfile(p)]


def evict(paths):
    for p in paths:
        try:
            fd = os.open(p, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "evict":
        sys.exit(__doc__)
    with open(sys.argv[2]) as f:
        evict(line.rstrip("\n") for line in f if line.strip())
