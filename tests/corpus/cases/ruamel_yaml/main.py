"""ruamel.yaml round-trips a document keeping comments, order and formatting (C and pure loaders)."""
import io

from ruamel.yaml import YAML

SRC = """\
# service configuration
name: web   # the service
replicas: 3
ports:
  - 80
  - 443
env:
  DEBUG: false
  LEVEL: info
"""
yaml = YAML()
doc = yaml.load(SRC)
doc["replicas"] += 2
doc["ports"].append(8080)
doc["env"].insert(1, "MODE", "prod", comment="added")
out = io.StringIO()
yaml.dump(doc, out)
print(out.getvalue())
safe = YAML(typ="safe")
print(safe.load("a: [1, 2, {b: c}]\nd: 2023-01-02\n"))
out = io.StringIO()
safe.default_flow_style = False
safe.dump({"z": 1, "a": [1, 2]}, out)
print(out.getvalue())
print(type(safe.load("x: 1")).__name__, YAML(typ="rt").load("k: v").lc.line)
