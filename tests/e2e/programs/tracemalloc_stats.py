"""-X tracemalloc=4 / --xoption tracemalloc=4: tracing from the start,
traceback limit 4; the biggest allocation is attributed to this file."""
import tracemalloc

print("tracing:", tracemalloc.is_tracing(), "limit:", tracemalloc.get_traceback_limit())


def allocate():
    return [bytes(1000) for _ in range(2000)]


data = allocate()
snapshot = tracemalloc.take_snapshot()
top = snapshot.statistics("lineno")[0]
frame = top.traceback[0]
print("top allocation in:", frame.filename.rsplit("/", 1)[-1], "line", frame.lineno,
      "size > 1 MB:", top.size > 1_000_000)
tb = snapshot.statistics("traceback")[0].traceback
print("frames kept:", len(tb), [f.filename.rsplit("/", 1)[-1] for f in tb])
