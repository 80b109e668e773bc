"""inspect.getsource / linecache on frozen code (frozen with --include-source):
the loader's get_source must give the same text python reads from disk."""
import inspect
import json
import linecache


def documented(a, b=2, *args, key=None, **kwargs):
    """Adds things."""
    return a + b


class Widget:
    size = 3

    def grow(self, by=1):
        self.size += by
        return self.size


print(inspect.getsource(documented), end="")
print(inspect.signature(documented))
print(inspect.getsource(Widget.grow), end="")
print("lines of Widget:", len(inspect.getsourcelines(Widget)[0]))
print("module line 1:", linecache.getline(__file__, 1).rstrip())
print("stdlib source:", inspect.getsource(json.dumps).splitlines()[0])
print("getfile basename:", inspect.getfile(Widget).rsplit("/", 1)[-1])
