from typing import Iterable, Optional, TypedDict


class Point(TypedDict):
    x: int
    y: int


def total(values: Iterable[int]) -> int:
    return sum(values)


def find(name: str, names: list[str]) -> Optional[int]:
    for i, n in enumerate(names):
        if n == name:
            return i
    return None


def norm(p: Point) -> float:
    return (p["x"] ** 2 + p["y"] ** 2) ** 0.5


total(["a", "b"])
index: int = find("a", ["a"])
norm({"x": 1, "z": 2})
reveal_type(total)
