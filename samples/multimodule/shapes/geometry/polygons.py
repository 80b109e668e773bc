import math

from ..base import Shape
from ..registry import register, rounded


@register
class Polygon(Shape):
    kind = "polygon"

    def __init__(self, name, *sides):
        self.check_positive(*sides)
        super().__init__(name)
        self.sides = sides

    def perimeter(self):
        return rounded(sum(self.sides))


@register
class Rectangle(Polygon):
    def __init__(self, width, height, name=None):
        super().__init__(name or f"rect {width}x{height}", width, height, width, height)
        self.width, self.height = width, height

    def area(self):
        return rounded(self.width * self.height)


@register
class Square(Rectangle):
    def __init__(self, side):
        super().__init__(side, side, name=f"square {side}")


@register
class Triangle(Polygon):
    def __init__(self, a, b, c):
        super().__init__(f"triangle {a}/{b}/{c}", a, b, c)

    def area(self):
        a, b, c = self.sides
        s = (a + b + c) / 2
        return rounded(math.sqrt(s * (s - a) * (s - b) * (s - c)))
