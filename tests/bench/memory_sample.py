"""Memory of a live group of processes from /proc: the sum of their PSS and
the shared memory (memfd, /dev/shm) they hold that no process maps.

PSS counts only pages a process has touched through a mapping. A memfd the
frozen app copied an extension into keeps all its pages while any mapping or
descriptor holds it, touched or not: those pages are in no PSS. For each such
object reachable from the group (descriptors in /proc/PID/fd, mappings in
/proc/PID/map_files, deduplicated by device and inode) its allocated size
minus the PSS of the group's mappings of it is counted as unmapped.
"""
import os

SHARED_PREFIXES = ("/memfd:", "/dev/shm/", "/SYSV")


def is_shared_memory(path):
    return path.startswith(SHARED_PREFIXES)


def meminfo_shmem_kib():
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("Shmem:"):
                return int(line.split()[1])
    return 0


def with_descendants(pids):
    """pids and every live descendant of them (multiprocessing's workers and
    resource tracker), sorted."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        # The command name may hold spaces and parentheses: fields follow the last ')'.
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    out, todo = set(), list(pids)
    while todo:
        pid = todo.pop()
        if pid not in out:
            out.add(pid)
            todo.extend(children.get(pid, []))
    return sorted(out)


def parse_smaps(text):
    """[(device 'MM:mm', inode, path, pss_kib)] of each mapping in smaps text."""
    maps, current = [], None
    for line in text.splitlines():
        fields = line.split()
        if not fields:
            continue
        if not fields[0].endswith(":") and "-" in fields[0]:
            path = " ".join(fields[5:]) if len(fields) > 5 else ""
            current = [fields[3], int(fields[4]), path, 0]
            maps.append(current)
        elif fields[0] == "Pss:" and current is not None:
            current[3] += int(fields[1])
    return [tuple(m) for m in maps]


def parse_rollup(text):
    """{field: kib} of /proc/PID/smaps_rollup or /proc/PID/status lines."""
    out = {}
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3 and fields[0].endswith(":") and fields[2] == "kB":
            out[fields[0][:-1]] = int(fields[1])
    return out


def unmapped_kib(objects, mappings):
    """objects: {(device 'MM:mm', inode): allocated KiB}; mappings: parse_smaps
    rows of all processes. Allocated minus the PSS mapped, per object, summed."""
    mapped = {}
    for dev, inode, _, pss in mappings:
        mapped[(dev, inode)] = mapped.get((dev, inode), 0) + pss
    return sum(max(0, kib - mapped.get(key, 0)) for key, kib in objects.items())


def shared_objects(pid):
    """{(device 'MM:mm', inode): allocated KiB} of the memfd and shm objects
    process pid holds by a descriptor or a mapping (map_files needs root)."""
    out = {}
    for sub in ("fd", "map_files"):
        d = f"/proc/{pid}/{sub}"
        try:
            names = os.listdir(d)
        except OSError:
            continue
        for name in names:
            path = os.path.join(d, name)
            try:
                if not is_shared_memory(os.readlink(path)):
                    continue
                st = os.stat(path)
            except OSError:
                continue
            key = (f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}", st.st_ino)
            out[key] = st.st_blocks * 512 // 1024
    return out


def sample(pids):
    """Memory of the live processes pids, taken together."""
    pss = pss_shmem = hwm = 0
    objects, mappings = {}, []
    for pid in pids:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            roll = parse_rollup(f.read())
        with open(f"/proc/{pid}/status") as f:
            hwm += parse_rollup(f.read()).get("VmHWM", 0)
        pss += roll.get("Pss", 0)
        pss_shmem += roll.get("Pss_Shmem", 0)
        with open(f"/proc/{pid}/smaps") as f:
            mappings += [m for m in parse_smaps(f.read()) if is_shared_memory(m[2])]
        objects.update(shared_objects(pid))
    return {"processes": len(pids), "pss_kib": pss, "pss_shmem_kib": pss_shmem, "hwm_kib": hwm,
            "unmapped_shmem_kib": unmapped_kib(objects, mappings),
            "shm_objects": len(objects), "shm_object_kib": sum(objects.values())}
