"""A package run with -m: __init__ runs first, then __main__ as __main__."""
print("runpkg/__init__: __name__ =", __name__)
