"""A UserWarning and a DeprecationWarning (ignored by default outside
__main__, shown in __main__): python prints 'file:line: Category: msg' and the
source line. Frozen with --include-source."""
import warnings


def old_api():
    warnings.warn("old_api is deprecated", DeprecationWarning, stacklevel=2)


warnings.warn("something looks odd")
old_api()
print("after warnings")
