"""A custom sys.excepthook handles the uncaught exception (status 1)."""
import sys


def hook(kind, value, tb):
    frames = 0
    while tb:
        frames, tb = frames + 1, tb.tb_next
    print(f"custom hook: {kind.__name__}: {value} ({frames} frames)", file=sys.stderr)


sys.excepthook = hook
print("raising")
{}["missing"]
