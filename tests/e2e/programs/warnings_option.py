"""-W / --warnings: a UserWarning and a DeprecationWarning in __main__,
reported, ignored or raised according to the option."""
import sys
import warnings

print("sys.warnoptions:", sys.warnoptions)
warnings.warn("a deprecation", DeprecationWarning)
print("after deprecation")
warnings.warn("a user warning")
print("after user warning")
