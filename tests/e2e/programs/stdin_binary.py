"""Binary stdin through sys.stdin.buffer: every byte value arrives."""
import hashlib
import sys

data = sys.stdin.buffer.read()
print("bytes:", len(data), "distinct:", len(set(data)))
print("sha256:", hashlib.sha256(data).hexdigest())
print("text view of a pipe:", type(sys.stdin).__name__, sys.stdin.encoding, sys.stdin.errors)
