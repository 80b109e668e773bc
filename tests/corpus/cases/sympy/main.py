"""sympy: solving, calculus, simplification, matrices, series, printing (a heavy pure-Python library)."""
from sympy import (Eq, Function, Matrix, Rational, diff, dsolve, exp, factor, integrate, latex, limit,
                   oo, pi, pretty, series, simplify, sin, solve, sqrt, symbols, cos)

x, y = symbols("x y")
f = Function("f")
print(solve(x ** 2 - 5 * x + 6, x), solve([x + y - 3, x - y - 1], [x, y]))
print(integrate(exp(-x ** 2), (x, -oo, oo)), integrate(x * sin(x), x))
print(diff(sin(x) * exp(x), x, 2))
print(limit(sin(x) / x, x, 0), series(cos(x), x, 0, 6))
print(simplify(sin(x) ** 2 + cos(x) ** 2), factor(x ** 3 - 1))
M = Matrix([[2, 1], [1, 3]])
print(M.inv(), M.eigenvals(), M.det())
print(dsolve(Eq(f(x).diff(x, 2) + f(x), 0), f(x)))
print(latex(Rational(3, 4) * sqrt(x) / pi))
print(pretty(integrate(1 / (1 + x ** 2), x), use_unicode=False))
print(pi.evalf(40))
