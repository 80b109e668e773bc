"""Concrete shapes."""
from .polygons import Polygon, Rectangle, Square, Triangle
from .curves import Circle

__all__ = ["Polygon", "Rectangle", "Square", "Triangle", "Circle"]
