"""An ExtensionFileLoader made by the program for an extension's own path
(spec.origin), as test_importlib's multi-phase tests do: one file loaded
under several names, each its own PyInit_ function."""
import importlib.machinery
import importlib.util

import _testmultiphase

origin = _testmultiphase.__spec__.origin


def load(name):
    loader = importlib.machinery.ExtensionFileLoader(name, origin)
    spec = importlib.util.spec_from_loader(name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


again = load("_testmultiphase")
print(again.__name__, again is not _testmultiphase, hasattr(again, "Example"))
print(load("_testmultiphase_meth_state_access").__name__)
try:
    load("_testmultiphase_bad_slot_large")
except SystemError as e:
    print("SystemError:", e)
try:
    load("_testmultiphase_no_such_init")
except ImportError as e:
    print("ImportError:", str(e).split(":")[0])
