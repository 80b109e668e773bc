"""Reads stdin from a pipe: text lines (UTF-8), then the same as bytes."""
import sys

print("stdin is a tty:", sys.stdin.isatty())
print("stdin encoding:", sys.stdin.encoding, sys.stdin.errors)
lines = sys.stdin.readlines()
print(f"{len(lines)} lines, {sum(len(l.split()) for l in lines)} words")
for n, line in enumerate(lines, 1):
    print(f"{n:2}: {line.rstrip()[::-1]!r}")
print("total characters:", sum(map(len, lines)))
print("at EOF:", sys.stdin.read() == "", sys.stdin.buffer.read() == b"")
