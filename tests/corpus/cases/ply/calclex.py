"""Lexer and grammar for a tiny calculator (ply reads the rules from this module's docstrings)."""
tokens = ("NAME", "NUMBER", "PLUS", "MINUS", "TIMES", "DIVIDE", "EQUALS", "LPAREN", "RPAREN")
t_PLUS, t_MINUS, t_TIMES, t_DIVIDE, t_EQUALS = r"\+", r"-", r"\*", r"/", r"="
t_LPAREN, t_RPAREN = r"\(", r"\)"
t_NAME = r"[a-zA-Z_][a-zA-Z0-9_]*"
t_ignore = " \t"


def t_NUMBER(t):
    r"\d+"
    t.value = int(t.value)
    return t


def t_error(t):
    print(f"illegal character {t.value[0]!r}")
    t.lexer.skip(1)


precedence = (("left", "PLUS", "MINUS"), ("left", "TIMES", "DIVIDE"), ("right", "UMINUS"))
names = {}


def p_statement_assign(p):
    "statement : NAME EQUALS expression"
    names[p[1]] = p[3]
    p[0] = (p[1], p[3])


def p_statement_expr(p):
    "statement : expression"
    p[0] = p[1]


def p_expression_binop(p):
    """expression : expression PLUS expression
                  | expression MINUS expression
                  | expression TIMES expression
                  | expression DIVIDE expression"""
    ops = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b, "/": lambda a, b: a / b}
    p[0] = ops[p[2]](p[1], p[3])


def p_expression_uminus(p):
    "expression : MINUS expression %prec UMINUS"
    p[0] = -p[2]


def p_expression_group(p):
    "expression : LPAREN expression RPAREN"
    p[0] = p[2]


def p_expression_number(p):
    "expression : NUMBER"
    p[0] = p[1]


def p_expression_name(p):
    "expression : NAME"
    p[0] = names.get(p[1], 0)


def p_error(p):
    print("syntax error at", p.value if p else "EOF")
