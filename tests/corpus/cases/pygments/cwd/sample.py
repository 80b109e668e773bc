import re
class Greeter:
    """Says hello."""
    def greet(self, name: str) -> str:
        return f"Hello, {name}!" if re.match(r"\w+", name) else "?"
print(Greeter().greet("world"))  # comment
