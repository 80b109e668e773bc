"""sys.exit(None): status 0, nothing on stderr; code after it never runs."""
import sys

print("exiting with None")
try:
    sys.exit(None)
finally:
    print("finally blocks still run")
print("not reached")
