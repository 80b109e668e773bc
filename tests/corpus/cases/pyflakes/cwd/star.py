import re
from os import *
print(path, undefined)
def g():
    y = 2
