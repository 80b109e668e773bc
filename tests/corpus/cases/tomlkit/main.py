"""TOML: tomllib and tomli parse, tomlkit edits a document keeping comments and style, toml dumps."""
import tomllib

import toml
import tomli
import tomlkit

SRC = """\
# project file
[project]
name = "demo"  # the name
version = "1.0.0"
dependencies = ["a>=1", "b"]

[tool.x]
enabled = true
when = 2023-07-14T16:05:09Z
"""
print(tomllib.loads(SRC) == tomli.loads(SRC), tomli.loads(SRC)["tool"]["x"]["when"])
doc = tomlkit.parse(SRC)
doc["project"]["version"] = "1.1.0"
doc["project"]["dependencies"].append("c<2")
doc["tool"]["x"].add("level", 3)
doc["tool"]["x"]["level"].comment("new key")
print(tomlkit.dumps(doc))
print(toml.dumps({"a": {"b": [1, 2], "c": "s"}, "top": 1.5}))
try:
    tomli.loads("a = ")
except tomli.TOMLDecodeError as exc:
    print("error:", exc)
