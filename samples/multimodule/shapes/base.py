"""The root of the shape hierarchy."""
from . import ShapeError, registry


@registry.register
class Shape:
    kind = "shape"

    def __init__(self, name):
        self.name = name

    def area(self):
        raise NotImplementedError

    def perimeter(self):
        raise NotImplementedError

    def __repr__(self):
        return f"{type(self).__name__}({self.name!r})"

    @staticmethod
    def check_positive(*values):
        for v in values:
            if v <= 0:
                raise ShapeError(f"dimension must be positive, got {v}")
