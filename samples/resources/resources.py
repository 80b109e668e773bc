"""Package data and distribution metadata, read through every API a package
uses: loader.get_data, importlib.resources (files, Traversable, as_file),
pkgutil.get_data and importlib.metadata."""
import importlib.metadata
import importlib.resources
import json
import os
import sys

import resdemo
import yaml  # a bundled third-party distribution with metadata

print(resdemo.greeting(), end="")
print(json.loads(resdemo.raw_config()))

root = importlib.resources.files("resdemo")
print("is_dir:", root.is_dir(), "name:", root.name)
# Code files are left out: a sourceless app has no .py files to list.
print("entries:", sorted(p.name for p in root.iterdir()
                         if p.name != "__pycache__" and not p.name.endswith(".py")))
data = root / "data"
print("data:", sorted(p.name for p in data.iterdir()))
print("is_file:", (data / "config.json").is_file(), (data / "nested").is_file(),
      (data / "missing.txt").is_file())
print("nested:", data.joinpath("nested", "deep.txt").read_text(), end="")
print("bytes:", (data / "blob.bin").read_bytes())
with (root / "templates" / "page.html").open("r", encoding="utf-8") as f:
    print("template:", f.read().format(title="Hi"), end="")
with importlib.resources.as_file(data / "config.json") as path:
    # A temporary copy (tmpXXXXconfig.json), as importlib does for zip imports.
    print("as_file exists:", os.path.exists(path), "suffix ok:", str(path).endswith("config.json"))
    with open(path, encoding="utf-8") as f:
        print("as_file content:", json.load(f)["levels"])
try:
    (data / "missing.txt").read_bytes()
except FileNotFoundError as e:
    print("missing:", type(e).__name__)

loader = resdemo.__spec__.loader
here = os.path.dirname(resdemo.__file__)
print("get_data:", loader.get_data(os.path.join(here, "data", "nested", "deep.txt")))

print("PyYAML version:", importlib.metadata.version("PyYAML"))
dist = importlib.metadata.distribution("pyyaml")
print("metadata name:", dist.metadata["Name"])
print("top level:", sorted(dist.read_text("top_level.txt").split()))
print("yaml works:", yaml.safe_load("a: [1, 2]"))
try:
    importlib.metadata.version("no-such-distribution")
except importlib.metadata.PackageNotFoundError as e:
    print("not found:", e)
# A search of other places finds only what they hold, not the app's own.
empty = os.path.join(os.path.dirname(os.path.abspath(sys.argv[0])), "no-such-dir")
print("elsewhere:", [d.metadata["Name"] for d in importlib.metadata.distributions(path=[empty])])
print("by name elsewhere:", list(importlib.metadata.distributions(name="PyYAML", path=[empty])))
sys.exit(0)
