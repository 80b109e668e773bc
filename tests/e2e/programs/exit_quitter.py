"""exit and quit as site's _sitebuiltins.Quitter gives them (issue 14,
defect 12): repr, inspect.signature, attributes and call behaviour."""
import inspect
import sys

for q in (exit, quit):
    print(repr(q), str(q), q.name, q.eof, callable(q))
    print("signature:", inspect.signature(q))
    print("type:", type(q).__name__, type(q).__module__)
for call in (lambda: exit(), lambda: exit(3), lambda: quit(code="message"),
             lambda: exit((1, 2)), lambda: exit(None)):
    try:
        call()
    except SystemExit as e:
        print("SystemExit", repr(e.code), e.args)
try:
    exit(1, 2)
except TypeError as e:
    print("TypeError")
print("stdin closed:", sys.stdin.closed)
