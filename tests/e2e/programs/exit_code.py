"""sys.exit(3): status 3, output before it flushed."""
import sys

print("about to exit with 3")
sys.exit(3)
