"""PYTHON* variables the program sets for its own python children (issue
14): python3.11 honours them in a child, and so must a frozen app's child
(vm/python_child_environment.h). Set through env=, through os.environ
(inherited), through os.posix_spawn's env, passed on to a grandchild, and
ignored again under -E and -I. (Values chosen so that no outer
environment holds them already: a variable the app only passes on
unchanged from outside is not the app's own.)"""
import asyncio  # noqa: F401  (bundled for the PYTHONASYNCIODEBUG child)
import os
import subprocess
import sys

EX = sys.executable
SHOW = ("import sys, os; f = sys.flags; print(f.ignore_environment, f.dev_mode, "
        "sys.warnoptions, sys.stdout.encoding, sys.stdout.errors, f.dont_write_bytecode, "
        "os.environ.get('PYTHONWARNINGS'), hash('spam') if f.hash_randomization == 0 else 'random')")


def run(args, env=None, stdin=None):
    r = subprocess.run([EX] + args, env=env, input=stdin, capture_output=True)
    print([a if len(a) < 30 else a[:27] + "..." for a in args], "->", r.returncode)
    for line in r.stdout.decode("ascii", "backslashreplace").splitlines():
        print("  out:", line)
    for line in r.stderr.decode("ascii", "backslashreplace").splitlines()[:1]:
        print("  err:", line.replace(EX, "<EX>"))


for name in [k for k in os.environ if k.startswith("PYTHON")]:
    del os.environ[name]
base = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
mine = dict(base, PYTHONWARNINGS="error::DeprecationWarning,ignore::UserWarning",
            PYTHONUTF8="1", PYTHONIOENCODING="ascii:backslashreplace",
            PYTHONDONTWRITEBYTECODE="yes", PYTHONHASHSEED="0")
run(["-c", SHOW], env=base)
run(["-c", SHOW], env=mine)
run(["-c", SHOW + "; print('\\u00e9t\\u00e9')"], env=mine)
run(["-E", "-c", SHOW], env=mine)
run(["-I", "-c", SHOW], env=mine)
run(["-c", "import warnings; warnings.warn('x', DeprecationWarning)"], env=mine)
run(["-c", "import sys; print(sys.flags.utf8_mode)"], env=dict(base, PYTHONUTF8="0"))
run(["-c", "import sys; print(sys.flags.utf8_mode)"], env=dict(base, PYTHONUTF8="1"))
run(["-c", "import sys; print(sys.flags.dev_mode, sys.warnoptions)"], env=dict(base, PYTHONDEVMODE="1"))
run(["-c", "import tracemalloc; print(tracemalloc.is_tracing(), tracemalloc.get_traceback_limit())"],
    env=dict(base, PYTHONTRACEMALLOC="7"))
run(["-c", "pass"], env=dict(base, PYTHONTRACEMALLOC="1073741824"))
run(["-c", "import asyncio; print(asyncio.new_event_loop().get_debug())"],
    env=dict(base, PYTHONASYNCIODEBUG="1"))
run(["-c", "import sys; print(sys.flags.verbose)"], env=dict(base, PYTHONVERBOSE="0"))

# PYTHONPATH: a directory of the program's own on disk.
d = os.path.join(os.getcwd(), "children_env_tmp")
os.mkdir(d)
with open(os.path.join(d, "from_pythonpath.py"), "w") as f:
    f.write("VALUE = 'found through PYTHONPATH'\n")
run(["-c", "import from_pythonpath; print(from_pythonpath.VALUE)"], env=dict(base, PYTHONPATH=d))
run(["-E", "-c", "import from_pythonpath"], env=dict(base, PYTHONPATH=d))

# Set in os.environ: every later child inherits it, grandchildren too.
os.environ["PYTHONWARNINGS"] = "error::ResourceWarning"
run(["-c", SHOW])
run(["-c", "import subprocess, sys; r = subprocess.run([sys.executable, '-c', "
     "'import sys; print(sys.warnoptions)'], capture_output=True, text=True); "
     "print('grandchild:', r.stdout.strip())"])
del os.environ["PYTHONWARNINGS"]
run(["-c", SHOW])

# os.posix_spawn with its own environment mapping.
r, w = os.pipe()
pid = os.posix_spawn(EX, [EX, "-c", "import sys; print(sys.warnoptions, sys.flags.utf8_mode)"],
                     dict(base, PYTHONWARNINGS="always", PYTHONUTF8="1"),
                     file_actions=[(os.POSIX_SPAWN_DUP2, w, 1)])
os.close(w)
with os.fdopen(r) as f:
    print("posix_spawn:", f.read().strip())
print("status:", os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
