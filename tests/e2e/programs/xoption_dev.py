"""-X dev / --xoption dev: sys.flags.dev_mode, faulthandler on, default
warning filters ('default'), a ResourceWarning for an unclosed file shown.
Frozen with --include-source."""
import faulthandler
import gc
import os
import sys
import warnings

print("dev_mode:", sys.flags.dev_mode, "faulthandler:", faulthandler.is_enabled())
print("warnoptions:", sys.warnoptions, "xoptions:", sys._xoptions)
print("first filter:", warnings.filters[0][0], warnings.filters[0][2].__name__)


def leak():
    f = open(os.devnull, "rb")
    f.read(1)


leak()
gc.collect()
warnings.warn("deprecated here", DeprecationWarning)
print("done")
