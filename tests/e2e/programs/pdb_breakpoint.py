"""breakpoint() on a terminal: pdb stops on the next line, shows it (from
the bundled source: --include-source), evaluates p, steps with n, goes on
with c."""


def compute(x):
    y = x + 1
    breakpoint()
    y = y * 10
    return y


print("result:", compute(4))
