"""__name__, __doc__ and friends of the main module and of imported ones."""
import json.decoder
import sys

print("__name__:", __name__)
print("__doc__:", __doc__.splitlines()[0])
print("is main:", __name__ == "__main__")
print("main module is sys.modules['__main__']:", sys.modules["__main__"].__dict__ is globals())
print("builtins:", type(__builtins__).__name__, getattr(__builtins__, "__name__", None))
print("json.decoder.__name__:", json.decoder.__name__, json.decoder.__package__)
print("basename of __file__:", __file__.rsplit("/", 1)[-1])
print("__file__ is absolute:", __file__.startswith("/"))
if __name__ == "__main__":
    print("main guard taken")
