"""tabulate formats the same rows in many table formats, with numbers aligned."""
from tabulate import tabulate

rows = [["Alice", 24, 1234.5], ["Bob", 7, 3.14159], ["Charlotte", 103, -0.5], ["Dé", None, 10]]
headers = ["name", "age", "score"]
for fmt in ("plain", "simple", "github", "grid", "fancy_grid", "pipe", "orgtbl", "rst", "html", "latex", "tsv"):
    print(f"--- {fmt}")
    print(tabulate(rows, headers=headers, tablefmt=fmt, floatfmt=".2f", missingval="?"))
print(tabulate({"k": [1, 2], "v": ["a", "b"]}, headers="keys", showindex=True))
