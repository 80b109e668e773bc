"""Unbounded recursion: RecursionError, the traceback's
'[Previous line repeated N more times]' summary. --include-source."""
import sys

sys.setrecursionlimit(200)


def down(n):
    return down(n + 1) + 1


down(0)
