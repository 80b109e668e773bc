"""An app that bundles multiprocessing, started with arguments that look
like a multiprocessing command line but are not exactly one: they are the
app's own arguments, never interpreted."""
import multiprocessing  # noqa: F401  (bundled, so the stub could be tempted)
import sys

print("argv:", sys.argv[1:])
