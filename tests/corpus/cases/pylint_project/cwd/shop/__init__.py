"""A small shop package linted by the pylint_project corpus case."""
from shop.prices import price_of, TAX
