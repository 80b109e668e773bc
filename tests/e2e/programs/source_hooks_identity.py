"""With bundled sources (--include-source): sys.excepthook is still
sys.__excepthook__ and behaves as the C hook on bad arguments (defect 10);
linecache.clearcache() does not lose bundled sources (defect 11)."""
import json
import linecache
import sys
import traceback

print("excepthook is __excepthook__:", sys.excepthook is sys.__excepthook__)
print("unraisablehook is __unraisablehook__:", sys.unraisablehook is sys.__unraisablehook__)
sys.stderr.flush()
print("bad value returns:", sys.excepthook(1, 2, 3))
sys.stderr.flush()
try:
    sys.excepthook()
except TypeError:
    print("no arguments: TypeError")


def marker():
    return "the marker line"


linecache.clearcache()
print("own line after clearcache:", linecache.getline(__file__, marker.__code__.co_firstlineno + 1).strip())
linecache.clearcache()
print("json line 1 after clearcache:", linecache.getline(json.__file__, 1).strip())
linecache.cache.clear()
try:
    marker()[5]  # an error whose source line shows
    1 / 0
except ZeroDivisionError:
    traceback.print_exc(file=sys.stdout)
