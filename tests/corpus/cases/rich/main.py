"""rich renders a table, a tree, markdown, syntax-highlighted code and a panel to a fixed console."""
import io

from rich.console import Console
from rich.markdown import Markdown
from rich.panel import Panel
from rich.syntax import Syntax
from rich.table import Table
from rich.tree import Tree

out = io.StringIO()
console = Console(file=out, width=72, color_system=None, force_terminal=False, legacy_windows=False)
table = Table(title="Planets", show_lines=True)
table.add_column("Name", style="bold")
table.add_column("Moons", justify="right")
table.add_column("Note")
for row in [("Mercury", "0", "closest"), ("Earth", "1", "home — ünïcode ok"), ("Jupiter", "95", "largest " * 4)]:
    table.add_row(*row)
console.print(table)
tree = Tree("root")
branch = tree.add("branch")
branch.add("leaf 1")
branch.add("[italic]leaf 2[/]")
tree.add("other")
console.print(tree)
console.print(Markdown("# Title\n\n* one\n* **two**\n\n```python\nx = 1\n```\n\n> quote"))
console.print(Syntax("def f(x):\n    return x * 2  # double\n", "python", line_numbers=True))
console.print(Panel.fit("inside a panel", title="P"))
console.print({"a": [1, 2, 3], "b": None}, "[red]markup[/red] stripped")
print(out.getvalue())
