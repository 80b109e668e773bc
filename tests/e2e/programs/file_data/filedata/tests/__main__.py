# `python -m filedata.tests NAME` run in this directory: NAME is a module
# beside it, found through sys.path[0] (the directory), as unittest's
# `python -m unittest NAME` finds it.
import importlib
import sys

print("beside:", importlib.import_module(sys.argv[1]).WORD)
