"""sys.exit with an int beyond 0..255: the kernel keeps the low 8 bits
(259 -> 3); the number is chosen by argv so one program covers both."""
import sys

code = {"big": 256 + 3, "negative": -1}.get(sys.argv[1] if len(sys.argv) > 1 else "big")
print("exiting with", code)
sys.exit(code)
