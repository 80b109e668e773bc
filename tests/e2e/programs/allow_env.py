"""--allow-env: the named PYTHON* variables honoured as python honours them
(run with them set, unset, and set to 0). Stdout and stderr share one pipe,
so PYTHONUNBUFFERED shows in their order."""
import faulthandler
import os
import sys
import warnings

if "PYTHONHASHSEED" in os.environ:  # otherwise random: differs run to run
    print("hash:", hash("freezer"))
print("hash randomised:", sys.flags.hash_randomization)
print("stdout:", sys.stdout.encoding, sys.stdout.errors)
print("warnoptions:", sys.warnoptions)
print("faulthandler:", faulthandler.is_enabled())
print("caf\u00e9 \u2603")
print("to stderr", file=sys.stderr)
try:
    warnings.warn("old", DeprecationWarning)
    print("deprecation not an error")
except DeprecationWarning as exc:
    print("deprecation raised:", exc)
warnings.warn("user warning")
print("end")
