"""sys.exit(non-int, non-str): str(object) on stderr, status 1."""
import sys

print("exiting with a list")
sys.exit([1, "two", 3.0])
