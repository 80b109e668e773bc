"""A test package that finds its own tests by listing its directory, as
CPython's test packages do (load_tests -> TestLoader.discover(dirname(__file__))).
Frozen with --include-package tests (test_beta is imported by no code):
the package reads __file__ and carries data, so it is extracted at run
time, sources included (it is a test suite)."""
import inspect
import os
import unittest

import tests

loader = unittest.TestLoader()
suite = loader.loadTestsFromModule(tests)
ids = []


def walk(s):
    for t in s:
        if isinstance(t, unittest.TestSuite):
            walk(t)
        else:
            ids.append(t.id())


walk(suite)
print(sorted(ids))
result = unittest.TestResult()
suite.run(result)
print(result.testsRun, len(result.failures), len(result.errors))
here = os.path.dirname(tests.__file__)
print(sorted(n for n in os.listdir(here) if n.endswith(".py")))
from tests import test_alpha
print(inspect.getsource(test_alpha.AlphaTest.test_reads_data))
