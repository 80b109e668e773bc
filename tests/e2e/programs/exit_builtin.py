"""The exit() and quit() builtins that site gives `python script.py`."""
import sys

print("before", exit is not None, quit is not None)
sys.stdout.flush()
try:
    quit("quit message")
except SystemExit as e:
    print("quit raised SystemExit:", e.code)
exit(4)
