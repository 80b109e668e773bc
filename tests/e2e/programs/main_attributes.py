"""The globals python gives a script's __main__, and what they hold."""
import sys

snapshot = sorted(k for k in globals() if k != "sys")
print("globals at start:", snapshot)
print("__name__:", __name__)
print("__doc__ first line:", __doc__.splitlines()[0])
print("__package__:", __package__)
print("__spec__:", __spec__)
print("__cached__:", __cached__)
print("__annotations__:", __annotations__)
print("__builtins__ is the module:", __builtins__ is sys.modules["builtins"])
print("__file__ ends with the script name:", __file__.endswith("/main_attributes.py"))
print("__loader__ can get_source:", hasattr(__loader__, "get_source"))
print("sys.modules['__main__'] is this module:", sys.modules["__main__"].__dict__ is globals())
x: int = 3
print("annotations after:", __annotations__)
