"""A small pygments app: highlights a Python snippet for a terminal and as
HTML, with lexers and formatters looked up by name."""
from pygments import highlight
from pygments.formatters import get_formatter_by_name
from pygments.lexers import get_lexer_by_name

CODE = '''def fib(n):
    """The n-th Fibonacci number."""
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a
'''
lexer = get_lexer_by_name("python")
print(highlight(CODE, lexer, get_formatter_by_name("terminal")), end="")
print(highlight(CODE, lexer, get_formatter_by_name("html")), end="")
