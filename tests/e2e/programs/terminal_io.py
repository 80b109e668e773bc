"""On a terminal (a pseudo-terminal here) stdin, stdout and stderr are ttys,
stdout is line-buffered, so the two streams interleave in write order."""
import os
import sys

print("isatty:", sys.stdin.isatty(), sys.stdout.isatty(), sys.stderr.isatty())
print("stdout line_buffering:", sys.stdout.line_buffering)
print("encoding:", sys.stdout.encoding, sys.stdout.errors)
print("terminal size known:", os.get_terminal_size().columns > 0)
for i in range(3):
    print(f"out {i}")
    print(f"err {i}", file=sys.stderr)
sys.stdout.write("partial out, ")
print("err after partial", file=sys.stderr)
print("end")
