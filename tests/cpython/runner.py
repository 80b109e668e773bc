"""The frozen side of tests/cpython: CPython's regression-test driver.

This is exactly what `python3.11 -m test` runs (Lib/test/__main__.py); the
harness freezes it with `--include-package test` (regrtest imports the test
modules by computed name, so the package is named) and gives the app the
arguments it gives `python3.11 -m test`.
"""
from test.libregrtest import main

main()
