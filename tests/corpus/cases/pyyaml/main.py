"""PyYAML with libyaml: C loader and dumper, tags, anchors, custom representers, safe_load errors."""
import yaml

DOC = """
defaults: &defaults
  adapter: postgres
  port: 5432
development:
  <<: *defaults
  database: dev
list: [1, 2.5, true, null, "str", 2023-07-14]
multi: |
  line one
  line two
"""
data = yaml.load(DOC, Loader=yaml.CSafeLoader)
print(sorted(data["development"].items()), data["list"])
print(yaml.dump(data, Dumper=yaml.CSafeDumper, sort_keys=True, default_flow_style=False))
print(yaml.__with_libyaml__, yaml.CLoader.__module__)


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y


def represent_point(dumper, p):
    return dumper.represent_mapping("!point", {"x": p.x, "y": p.y})


def construct_point(loader, node):
    return Point(**loader.construct_mapping(node))


yaml.add_representer(Point, represent_point, Dumper=yaml.CDumper)
yaml.add_constructor("!point", construct_point, Loader=yaml.CLoader)
text = yaml.dump([Point(1, 2), Point(3, 4)], Dumper=yaml.CDumper)
print(text)
print([(p.x, p.y) for p in yaml.load(text, Loader=yaml.CLoader)])
print(list(yaml.safe_load_all("a: 1\n---\nb: 2\n")))
try:
    yaml.load("key: [unclosed", Loader=yaml.CSafeLoader)
except yaml.YAMLError as exc:
    print("error:", type(exc).__name__, str(exc).splitlines()[0])
