from shop import prices
from shop.prices import price_of, missing_name
from .prices import TAX as tax


class cart:
    def __init__(self):
        self.items = []
    def add(self, item, quantity):
        self.items.append((item, quantity))
        return self
    def total(self):
        total = 0
        for item, quantity in self.items:
            total += price_of(item, quantity)
        unused = prices.TAX
        return total + prices.no_such_attribute

def checkout(cart, coupon = None):
    try:
        return cart.total()
    except:
        return tax
