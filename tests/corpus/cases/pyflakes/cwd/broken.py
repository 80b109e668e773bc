import re
from os import *
print(path, undefined)
def g():
    y = 2
    return f"{y!r:>{3}}" + undefined_too
syntax error here(
