"""lark parses arithmetic with an LALR grammar importing lark's common grammar, and evaluates it."""
from lark import Lark, Transformer, v_args

GRAMMAR = r"""
?start: sum
?sum: product | sum "+" product -> add | sum "-" product -> sub
?product: atom | product "*" atom -> mul | product "/" atom -> div
?atom: NUMBER -> number | "-" atom -> neg | NAME -> var | "(" sum ")"
%import common.CNAME -> NAME
%import common.NUMBER
%import common.WS_INLINE
%ignore WS_INLINE
"""


@v_args(inline=True)
class Calc(Transformer):
    from operator import add, sub, mul, truediv as div, neg
    number = float

    def __init__(self, env):
        super().__init__()
        self.env = env

    def var(self, name):
        return self.env[str(name)]


for parser_kind in ("lalr", "earley"):
    parser = Lark(GRAMMAR, parser=parser_kind)
    tree = parser.parse("2 * (x + 3) - -4 / 2")
    print(parser_kind, tree.pretty().replace("\n", " | "))
    print(parser_kind, Calc({"x": 1.5}).transform(tree))
try:
    Lark(GRAMMAR, parser="lalr").parse("2 + * 3")
except Exception as exc:  # noqa: BLE001
    print("error:", type(exc).__name__)
