"""Sample: a package with subpackages, relative imports and a class hierarchy
spread over several modules."""
import importlib
import os
import sys

import shapes
from shapes import registry
from shapes.geometry import Circle, Rectangle, Square, Triangle
from shapes.util.formatting import describe, table


def rel(path):
    """A module's file relative to this script's directory (or app)."""
    base = os.path.dirname(__file__)
    return os.path.relpath(path, base)


def main():
    print(f"shapes {shapes.VERSION} (precision {shapes.PRECISION})")
    print(f"__name__ = {__name__}")
    items = [
        Rectangle(3, 4),
        Square(2.5),
        Circle(1),
        Triangle(3, 4, 5),
    ]
    for item in items:
        print(describe(item))
    print(table(items))
    print("largest:", max(items, key=lambda s: s.area()).name)
    print("mro of Square:", " -> ".join(
        f"{c.__module__}.{c.__qualname__}" for c in Square.__mro__))
    print("registered:", ", ".join(registry.names()))
    print("registry import order:", ", ".join(registry.IMPORT_LOG))

    curves = importlib.import_module("shapes.geometry.curves")
    print("import_module gives the same module:",
          curves is sys.modules["shapes.geometry.curves"])
    for name in sorted(m for m in sys.modules if m == "shapes" or m.startswith("shapes.")):
        mod = sys.modules[name]
        print(f"module {name}: package={mod.__package__!r} "
              f"file={rel(mod.__file__)}")
    print("shapes.__path__ ends:",
          [os.path.relpath(p, os.path.dirname(__file__)) for p in shapes.__path__])
    try:
        Square(-1)
    except shapes.ShapeError as exc:
        print(f"error: {type(exc).__module__}.{type(exc).__name__}: {exc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
