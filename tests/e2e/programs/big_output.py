"""Much more output than a pipe buffer holds, on both streams, interleaved:
everything arrives, in order per stream, at exit."""
import sys

for i in range(20000):
    print(f"line {i:05d} " + "x" * (i % 50))
    if i % 1000 == 0:
        print(f"progress {i}", file=sys.stderr)
sys.stdout.write("no trailing newline")
