import weakref


class Node:
    pass


_refs = []
for _ in range(1000):
    a, b = Node(), Node()
    a.other, b.other = b, a
    _refs.append(weakref.ref(a))
del a, b


def alive():
    import gc
    gc.collect()
    return sum(r() is not None for r in _refs)
