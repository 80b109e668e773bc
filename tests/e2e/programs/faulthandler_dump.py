"""faulthandler: dump_traceback of the current thread (file and line from
the bundled code), then a fatal SIGSEGV: faulthandler's report when it is
enabled (-X faulthandler / --xoption faulthandler, or faulthandler.enable()
below), and death by SIGSEGV. Frozen with --include-source."""
import faulthandler
import sys

print("enabled at start:", faulthandler.is_enabled(), flush=True)


def inner():
    faulthandler.dump_traceback(sys.stderr, all_threads=False)


def outer():
    inner()


outer()
if not faulthandler.is_enabled():
    faulthandler.enable()
sys.stderr.flush()
faulthandler._sigsegv()
