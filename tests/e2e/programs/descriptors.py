"""The program sees the descriptors python's would: the runtime holds none
below 256 between imports (a program scanning for open descriptors, as
test_subprocess's fd_status.py does, finds only its own), a closed stdin is
not reused for the runtime's files, and a child started with close_fds=False
inherits nothing of the runtime's."""
import os
import subprocess
import sys


def open_descriptors():
    found = []
    for fd in range(256):
        try:
            os.fstat(fd)
        except OSError:
            continue
        found.append(fd)
    return found


at_start = open_descriptors()
print("at start:", at_start)
os.close(0)
import _decimal, _json, _ssl, array, select  # noqa: E401,F401  extension imports
import xml.parsers.expat  # noqa: F401  pyexpat and its library
print("after closing stdin and importing extensions:", open_descriptors())
fd = os.open(os.devnull, os.O_RDONLY)
print("the next descriptor opened is the lowest free one:", fd)
os.close(fd)
SCAN = "import os\nfound = []\nfor fd in range(256):\n    try:\n        os.fstat(fd)\n" \
       "    except OSError:\n        continue\n    found.append(fd)\nprint(found)"
r = subprocess.run([sys.executable, "-c", SCAN], capture_output=True, text=True, close_fds=False)
print("a close_fds=False python child's descriptors:", r.stdout.strip(), r.returncode)
