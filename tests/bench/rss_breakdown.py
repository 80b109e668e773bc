"""Prints this process's resident memory per mapping (from /proc/self/smaps)
as `RSS_KiB SIZE_KiB name perms` lines, largest first: where a frozen app's
peak RSS goes. The executable's own file is named [the executable]."""
import os
import sys

exe = os.path.realpath(sys.executable) if sys.executable else None
rss, size = {}, {}
key = None
with open("/proc/self/smaps") as f:
    for line in f:
        fields = line.split()
        if not fields[0].endswith(":"):
            lo, hi = (int(x, 16) for x in fields[0].split("-"))
            name = fields[5] if len(fields) > 5 else "[anonymous]"
            if name == exe:
                name = "[the executable]"
            key = (name, fields[1])
            size[key] = size.get(key, 0) + (hi - lo) // 1024
        elif fields[0] == "Rss:":
            rss[key] = rss.get(key, 0) + int(fields[1])
for (name, perms), kib in sorted(rss.items(), key=lambda kv: -kv[1]):
    if kib:
        print(kib, size[(name, perms)], name, perms)
