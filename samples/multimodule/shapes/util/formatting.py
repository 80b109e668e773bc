from .. import PRECISION
from ..geometry import polygons


def describe(shape):
    family = "polygon" if isinstance(shape, polygons.Polygon) else shape.kind
    return (f"{shape!r}: {family}, area {shape.area():.{PRECISION}f}, "
            f"perimeter {shape.perimeter():.{PRECISION}f}")


def table(shapes):
    rows = [("name", "kind", "area")]
    rows += [(s.name, s.kind, f"{s.area():g}") for s in shapes]
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    return "\n".join(" | ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()
                     for r in rows)
