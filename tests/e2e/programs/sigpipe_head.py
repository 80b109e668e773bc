"""`app | head -1`: the reader goes away; the next flush fails with
BrokenPipeError (SIGPIPE is ignored by python), reported as python reports
it, and the flush at exit fails too (status 120)."""
for i in range(200000):
    print(f"line {i} " + "x" * 60)
