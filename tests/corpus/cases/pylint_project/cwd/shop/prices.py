"""Prices."""
import sys

TAX = 0.2
_PRICES = {"apple": 3, "pear": 4}


def price_of(item, quantity = 1):
    """The price of some items."""
    if item not in _PRICES:
        print("unknown item", item, file=sys.stderr)
        return None
    total = _PRICES[item]*quantity
    return total * (1 + TAX)
