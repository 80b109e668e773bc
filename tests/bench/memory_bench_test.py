"""Smoke checks of tests/bench/memory_bench.py's parts (ctest bench.memory_bench_test):
/proc parsing, the unmapped shared memory of a live process, strace parsing,
the hold line inserted into programs. Measures nothing.

    /usr/bin/python3.11 -B tests/bench/memory_bench_test.py
"""
import os
import subprocess
import sys
import tempfile
import textwrap
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import memory_bench  # noqa: E402
import memory_sample  # noqa: E402
import page_cache  # noqa: E402

PY = "/usr/bin/python3.11"

SMAPS = """\
00400000-00401000 r--p 00000000 fe:01 1234                               /usr/bin/python3.11
Size:                  4 kB
Rss:                   4 kB
Pss:                   2 kB
7f0000000000-7f0000100000 r-xp 00000000 00:01 77                         /memfd:libfoo.so (deleted)
Size:               1024 kB
Pss:                 100 kB
7f0000200000-7f0000201000 rw-p 00000000 00:00 0 
Pss:                   4 kB
"""


class ParseTest(unittest.TestCase):
    def test_smaps_mappings(self):
        self.assertEqual(memory_sample.parse_smaps(SMAPS),
                         [("fe:01", 1234, "/usr/bin/python3.11", 2),
                          ("00:01", 77, "/memfd:libfoo.so (deleted)", 100),
                          ("00:00", 0, "", 4)])

    def test_rollup_fields(self):
        roll = memory_sample.parse_rollup("7ff-8ff ---p 0 0 0 [rollup]\nPss:  10 kB\nPss_Shmem:  3 kB\n")
        self.assertEqual(roll, {"Pss": 10, "Pss_Shmem": 3})

    def test_unmapped_is_allocated_minus_mapped_per_object(self):
        maps = memory_sample.parse_smaps(SMAPS)
        objects = {("00:01", 77): 1024, ("00:01", 78): 8}
        # 1024 - 100 of the mapped object, all 8 of the unmapped one.
        self.assertEqual(memory_sample.unmapped_kib(objects, maps), 932)

    def test_strace_opens(self):
        text = textwrap.dedent('''\
            12 execve("/usr/bin/python3.11", ["python3.11"], 0x7ffd /* 2 vars */) = 0
            12 openat(AT_FDCWD, "/etc/ld.so.cache", O_RDONLY|O_CLOEXEC) = 3
            12 openat(AT_FDCWD, "/nonexistent.so", O_RDONLY|O_CLOEXEC) = -1 ENOENT (No such file)
            13 openat(AT_FDCWD, "/etc/ld.so.cache", O_RDONLY|O_CLOEXEC) = 4
            ''')
        self.assertEqual(page_cache.parse_strace(text), ["/usr/bin/python3.11", "/etc/ld.so.cache"])


class InsertTest(unittest.TestCase):
    def test_after_docstring_and_future_and_imports(self):
        src = '"""Doc."""\nfrom __future__ import annotations\nimport os\nimport sys\n\nprint(__doc__)\n'
        out = memory_bench.insert_lines(src, "HEAD\n", "AFTER\n")
        self.assertEqual(out, '"""Doc."""\nfrom __future__ import annotations\nHEAD\nimport os\n'
                              'import sys\nAFTER\n\nprint(__doc__)\n')

    def test_held_program_prints_the_same_and_waits(self):
        src = '"""Doc."""\nimport sys\nprint(__doc__)\nsys.exit(3)\n'
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "p.py")
            with open(path, "w") as f:
                f.write(memory_bench.insert_lines(src, memory_bench.HOLD))
            plain = subprocess.run([PY, "-I", "-S", path], capture_output=True, text=True)
            self.assertEqual((plain.returncode, plain.stdout, plain.stderr), (3, "Doc.\n", ""))
            ready_r, ready_w = os.pipe()
            go_r, go_w = os.pipe()
            p = subprocess.Popen([PY, "-I", "-S", path], env={"BENCH_HOLD": f"{ready_w},{go_r}"},
                                 pass_fds=(ready_w, go_r), stdout=subprocess.PIPE, text=True)
            os.close(ready_w)
            os.close(go_r)
            self.assertEqual(os.read(ready_r, 1), b"r")
            self.assertIsNone(p.poll())  # held at exit until told
            os.write(go_w, b"g")
            self.assertEqual((p.wait(30), p.stdout.read()), (3, "Doc.\n"))
            for fd in (ready_r, go_w):
                os.close(fd)
            p.stdout.close()


# A child that fills a 1 MiB memfd, maps it (libc's mmap: Python's mmap
# would keep a descriptor of its own), closes the descriptor, touches one
# page and waits: 1 MiB held by the mapping alone, one page of it in its PSS.
MEMFD_CHILD = """
import ctypes, os, sys
libc = ctypes.CDLL(None, use_errno=True)
libc.mmap.restype = ctypes.c_void_p
libc.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_long]
fd = os.memfd_create("bench-test")
os.write(fd, b"x" * (1 << 20))
addr = libc.mmap(None, 1 << 20, 1, 1, fd, 0)  # PROT_READ, MAP_SHARED
assert addr not in (None, ctypes.c_void_p(-1).value), ctypes.get_errno()
os.close(fd)
ctypes.string_at(addr, 1)
print("ready", flush=True)
sys.stdin.read()
"""


class LiveSampleTest(unittest.TestCase):
    def test_memfd_pages_no_mapping_touches_are_counted(self):
        self.assertEqual(os.geteuid(), 0, "needs root: /proc/PID/map_files (as the e2e tests need root)")
        p = subprocess.Popen([PY, "-I", "-S", "-c", MEMFD_CHILD], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
        try:
            self.assertEqual(p.stdout.readline(), "ready\n")
            s = memory_sample.sample(memory_sample.with_descendants([p.pid]))
        finally:
            p.communicate("")
        self.assertEqual(s["processes"], 1)
        self.assertEqual(s["shm_objects"], 1)
        self.assertEqual(s["shm_object_kib"], 1024)
        self.assertEqual(s["unmapped_shmem_kib"], 1024 - s["pss_shmem_kib"])
        self.assertGreater(s["pss_shmem_kib"], 0)
        self.assertLess(s["pss_shmem_kib"], 1024)


if __name__ == "__main__":
    unittest.main()
