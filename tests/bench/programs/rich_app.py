"""A small rich app: a table, a panel and markup rendered to a fixed-width
console (no terminal, so the output is the same wherever it runs)."""
from rich.console import Console
from rich.panel import Panel
from rich.table import Table

console = Console(width=72, color_system=None, force_terminal=False)
table = Table(title="Samples")
table.add_column("name")
table.add_column("modules", justify="right")
for name, n in (("hello", 20), ("stdlib_tour", 234), ("yaml_numpy", 410)):
    table.add_row(name, str(n))
console.print(table)
console.print(Panel("[bold]frozen[/bold] or not, the same text", title="rich"))
