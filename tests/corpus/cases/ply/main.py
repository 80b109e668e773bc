import ply.lex as lex
import ply.yacc as yacc

import calclex

lexer = lex.lex(module=calclex)
lexer.input("x = 3 * (4 + 5) $")
print([(t.type, t.value) for t in lexer])
parser = yacc.yacc(module=calclex, write_tables=False, debug=False, errorlog=yacc.NullLogger())
for line in ["x = 3 * (4 + 5)", "y = x / 2 - -1", "x + y * 2", "3 + * 4"]:
    print(line, "=>", parser.parse(line, lexer=lex.lex(module=calclex)))
print(sorted(calclex.names.items()))
