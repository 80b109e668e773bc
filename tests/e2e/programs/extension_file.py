"""An extension module's __file__ names the very image loaded: ctypes.CDLL
and open() accept it (issue 14, defect 5; test_ctypes does this)."""
import ctypes
import os

import _ctypes_test

lib = ctypes.CDLL(_ctypes_test.__file__)
print("get_an_integer:", lib.get_an_integer())
with open(_ctypes_test.__file__, "rb") as f:
    print("ELF:", f.read(4) == b"\x7fELF")
print("exists:", os.path.exists(_ctypes_test.__file__))
print("spec origin ends like python's:", _ctypes_test.__spec__.origin.endswith(
    "_ctypes_test.cpython-311-x86_64-linux-gnu.so"))
