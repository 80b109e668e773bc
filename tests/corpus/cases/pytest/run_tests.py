"""Runs a test suite in-process with pytest.main, as a frozen self-test command would."""
import sys

import pytest

sys.exit(pytest.main(["-p", "no:cacheprovider", "-q", "-rA", "--color=no", "-W", "ignore::DeprecationWarning",
                      "--basetemp=pytest-tmp", "test_shop.py"]))
