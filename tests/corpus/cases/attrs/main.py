"""attrs classes with validators and converters, cattrs structure/unstructure round trips."""
import enum
from typing import List, Optional

import attr
import attrs
import cattrs


class Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


@attrs.define(order=True)
class Item:
    name: str = attrs.field(validator=attrs.validators.min_len(1))
    qty: int = attrs.field(converter=int, default=1)
    colour: Colour = Colour.RED


@attrs.frozen
class Order:
    id: int
    items: List[Item]
    note: Optional[str] = None


o = Order(7, [Item("pen", "3"), Item("cup", colour=Colour.BLUE)])
print(o)
print(attrs.asdict(o, recurse=True))
print(attrs.evolve(o, note="rush"), sorted([Item("b", 2), Item("a", 5)]))
try:
    Item("")
except ValueError as exc:
    print("validator:", str(exc).split(" ")[0:3])
try:
    o.id = 3
except attr.exceptions.FrozenInstanceError:
    print("frozen")
raw = cattrs.unstructure(o)
print(raw)
back = cattrs.structure(raw, Order)
print(back == o, type(back.items[0].colour))
try:
    cattrs.structure({"id": "x", "items": []}, Order)
except Exception as exc:  # noqa: BLE001
    print("structure error:", type(exc).__name__)
print([f.name for f in attrs.fields(Item)])
