"""psutil reads /proc: the process itself, memory, CPU, disks (printed as facts, not values)."""
import os

import psutil

p = psutil.Process()
print("pid matches:", p.pid == os.getpid())
print("status:", p.status(), "threads >= 1:", p.num_threads() >= 1)
mem = p.memory_info()
print("rss > 1 MB:", mem.rss > 1 << 20, "fields:", mem._fields[:3])
print("cpu_count > 0:", psutil.cpu_count() > 0, psutil.cpu_count(logical=False) is None or psutil.cpu_count(logical=False) > 0)
vm = psutil.virtual_memory()
print("virtual memory sane:", 0 < vm.available <= vm.total, 0 <= vm.percent <= 100)
print("boot time > 2000:", psutil.boot_time() > 946684800)
print("parent alive:", p.parent() is not None)
print("cpu_times fields:", psutil.cpu_times()._fields[:4])
print("pids include me:", os.getpid() in psutil.pids())
print("open files is list:", isinstance(p.open_files(), list))
try:
    psutil.Process(2 ** 22 + 12345)
except psutil.NoSuchProcess as exc:
    print("NoSuchProcess:", type(exc).__name__)
print("version:", psutil.version_info >= (5, 0))
