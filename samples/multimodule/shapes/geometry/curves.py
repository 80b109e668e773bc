import math

from .. import registry
from ..base import Shape


@registry.register
class Circle(Shape):
    kind = "curve"

    def __init__(self, radius):
        self.check_positive(radius)
        super().__init__(f"circle r={radius}")
        self.radius = radius

    def area(self):
        return registry.rounded(math.pi * self.radius ** 2)

    def perimeter(self):
        return registry.rounded(2 * math.pi * self.radius)
