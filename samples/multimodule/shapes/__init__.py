"""Shapes: a tiny geometry package used by the multimodule sample."""
VERSION = "1.2.0"
PRECISION = 3


class ShapeError(ValueError):
    """Raised for impossible shapes."""


from . import registry  # noqa: E402  (after the constants it uses)
