"""Generates synthetic multi-module Python apps for the benchmarks.

    genapp.py tree DIR N        DIR/main.py + package genpkg with N modules in
                                subpackages of 100; main.py imports all of them
    genapp.py scaling DIR N K   DIR/main.py + package scalepkg with N modules;
                                main.py imports only the first K

Every module holds a few constants, functions and classes. The entries put
their own directory on sys.path when not frozen, because `python3.11 -I`
(which implies -P) does not.
"""
import os
import sys

PER_SUBPACKAGE = 100

MODULE = '''"""Generated module {i} of {n}."""
CONST_A = {i}
CONST_B = "name-{i}"
TABLE = {{"id": {i}, "square": {sq}, "tags": ("alpha", "beta", "gamma")}}
LIMITS = (0, {i}, {sq})


def f0(x):
    return x + CONST_A


def f1(x, y=2):
    return [x * k for k in range(y)]


def f2(*args, **kw):
    return len(args) + len(kw) + TABLE["id"]


class Thing{i}:
    scale = {scale}

    def __init__(self, v):
        self.v = v

    def value(self):
        return self.v * self.scale + CONST_A

    def __repr__(self):
        return f"Thing{i}({{self.v}})"


class Error{i}(Exception):
    """Raised by nothing; here to be built."""
'''

ENTRY_HEAD = '''"""Generated benchmark entry."""
import sys

if not getattr(sys, "frozen", False):
    import os
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
'''


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def module_text(i, n):
    return MODULE.format(i=i, n=n, sq=i * i, scale=i % 7)


def gen_tree(root, n):
    """genpkg/sNN/mNNNNN.py; main.py imports genpkg, which imports everything."""
    pkg = os.path.join(root, "genpkg")
    subs = []
    for s in range((n + PER_SUBPACKAGE - 1) // PER_SUBPACKAGE):
        sub = f"s{s:03d}"
        subs.append(sub)
        names = []
        for i in range(s * PER_SUBPACKAGE, min(n, (s + 1) * PER_SUBPACKAGE)):
            name = f"m{i:05d}"
            names.append(name)
            write(os.path.join(pkg, sub, name + ".py"), module_text(i, n))
        init = ["from . import " + ", ".join(names[j:j + 10])
                for j in range(0, len(names), 10)]
        init.append("MODULES = [" + ", ".join(names) + "]")
        write(os.path.join(pkg, sub, "__init__.py"), "\n".join(init) + "\n")
    init = ["from . import " + ", ".join(subs[j:j + 10]) for j in range(0, len(subs), 10)]
    init.append("MODULES = [m for sub in (" + ", ".join(subs) + ",) for m in sub.MODULES]")
    write(os.path.join(pkg, "__init__.py"), "\n".join(init) + "\n")
    write(os.path.join(root, "main.py"), ENTRY_HEAD + '''
import genpkg

total = sum(m.CONST_A + m.f0(1) + m.__dict__["Thing%d" % m.CONST_A](2).value()
            for m in genpkg.MODULES)
print(f"{len(genpkg.MODULES)} modules, checksum {total}")
''')


def gen_scaling(root, n, k):
    pkg = os.path.join(root, "scalepkg")
    write(os.path.join(pkg, "__init__.py"), '"""Scaling benchmark package."""\n')
    for i in range(n):
        write(os.path.join(pkg, f"m{i:05d}.py"), module_text(i, n))
    imports = "\n".join(f"import scalepkg.m{i:05d}" for i in range(k))
    uses = " + ".join(f"scalepkg.m{i:05d}.f0(1)" for i in range(k))
    write(os.path.join(root, "main.py"), ENTRY_HEAD + f'''
{imports}

print("imported {k} modules, checksum", {uses})
''')


def main(argv):
    if len(argv) >= 3 and argv[0] == "tree":
        gen_tree(argv[1], int(argv[2]))
    elif len(argv) >= 4 and argv[0] == "scaling":
        gen_scaling(argv[1], int(argv[2]), int(argv[3]))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
