"""The frozen side of tests/cpython: CPython's regression-test driver.

This is exactly what `python3.11 -m test` runs (Lib/test/__main__.py); the
harness freezes it with `--include-package test` (regrtest imports the test
modules by computed name, so the package is named) and gives the app the
arguments it gives `python3.11 -m test`.

The guard matters: a multiprocessing spawn child imports the parent's main
script again (as __mp_main__), and without it would run the whole suite
again inside each worker (python's `-m test` main, test.__main__, is one
that spawn never re-imports).
"""
from test.libregrtest import main

if __name__ == "__main__":
    main()
