"""sys.executable as a Python for the program's own children (issue 14):
each option form python's command line has, run the same way under
python3.11 and frozen. The children import only what the parent bundles
(json.tool, subprocess) or files written next to them on disk. Run with
arguments, the program prints them: an outsider's `app -c CODE` is the
app's own argv."""
import json.tool  # noqa: F401  (bundled for the -m child)
import os
import subprocess
import sys

if sys.argv[1:]:
    print("own argv:", sys.argv[1:])
    sys.exit(0)

EX = sys.executable
SHOW = ("import sys; f = sys.flags; print(__name__, sys.argv, sys.orig_argv[1:], "
        "'' in sys.path, f.optimize, f.isolated, f.safe_path, "
        "f.no_site, f.dev_mode, f.bytes_warning, f.quiet, sys.warnoptions, sys._xoptions)")


def run(args, stdin=None, cwd=None):
    r = subprocess.run([EX] + args, input=stdin, capture_output=True, text=True, cwd=cwd)
    shown = [a.replace(os.getcwd(), "<cwd>") for a in args]
    shown = [a if len(a) < 30 else a[:27] + "..." for a in shown]
    print(shown, "->", r.returncode)
    for line in r.stdout.splitlines():
        print("  out:", line)
    for line in r.stderr.replace(EX, "<EX>").splitlines()[-2:]:
        print("  err:", line)


run(["-c", SHOW, "a", "-b"])
run(["-cprint('glued')"])
run(["-E", "-c", SHOW])
run(["-I", "-c", SHOW])
run(["-S", "-c", SHOW + "; import builtins; print(hasattr(builtins, 'exit'))"])
run(["-c", "print(repr(exit), repr(quit))"])
run(["-s", "-B", "-c", SHOW + "; print(sys.flags.dont_write_bytecode, sys.dont_write_bytecode)"])
run(["-Esc", SHOW])
run(["-X", "dev", "-X", "foo=bar", "-c", SHOW])
run(["-W", "error::DeprecationWarning", "-Wignore", "-c", SHOW])
run(["-bb", "-q", "-c", SHOW])
run(["-u", "-c", "import sys; print(sys.stdout.write_through, sys.stderr.write_through)"])
run(["-O", "-c", "assert False, 'asserts on'; import sys; print('asserts off', sys.flags.optimize)"])
run(["-OO", "-c", "import sys; print(sys.flags.optimize)"])
run(["-c", "assert False, 'asserts on'"])
run(["-m", "json.tool"], stdin='{"b": [1, 2.5], "a": "x"}')
run(["-m", "json.tool", "--sort-keys"], stdin='{"b": 1, "a": 2}')
run(["-mjson.tool", "--compact"], stdin='{"b": 1}')
run(["-m", "no_such_module_here"])
run(["-c", "import no_such_module_here"])
run(["-c", "import sys; sys.exit(7)"])
run(["-c", "raise SystemExit('bye')"])
run(["-c", "1/0"])
run(["-c", "import subprocess, sys; "
     "print('grandchild:', subprocess.run([sys.executable, '-c', 'print(6 * 7)'], "
     "capture_output=True, text=True).stdout.strip())"])
run(["-", "x", "y"], stdin=SHOW + "\nprint(__file__ if '__file__' in globals() else 'no file')\n")
run(["--version"])

d = os.path.join(os.getcwd(), "children_tmp")
os.mkdir(d)
if True:
    with open(os.path.join(d, "helper_mod.py"), "w") as f:
        f.write("VALUE = 'from disk'\n")
    with open(os.path.join(d, "script.py"), "w") as f:
        f.write("import sys, os, json, helper_mod\n"
                "print(__name__, os.path.basename(__file__), sys.argv[1:], helper_mod.VALUE,\n"
                "      sys.path[0] == os.path.dirname(os.path.abspath(__file__)))\n"
                "sys.exit(3)\n")
    run([os.path.join(d, "script.py"), "arg1", "-c", "x"])
    run(["-I", os.path.join(d, "script.py")])
    run([os.path.join(d, "no_such_script.py")])
    os.mkdir(os.path.join(d, "pkgdir"))
    with open(os.path.join(d, "pkgdir", "__main__.py"), "w") as f:
        f.write("import sys, os\nprint('dir main', __name__, os.path.basename(sys.argv[0]))\n")
    run([os.path.join(d, "pkgdir")])
    run(["-c", "import helper_mod; print(helper_mod.VALUE)"], cwd=d)
    run(["-I", "-c", "import helper_mod"], cwd=d)


def spawn(fn, exe, code):
    """os.posix_spawn / posix_spawnp bypass subprocess: the child must be a
    python child all the same."""
    r, w = os.pipe()
    pid = fn(exe, [exe, "-c", code], os.environ, file_actions=[(os.POSIX_SPAWN_DUP2, w, 1)])
    os.close(w)
    with os.fdopen(r) as f:
        out = f.read()
    _, status = os.waitpid(pid, 0)
    print(fn.__name__, "->", os.waitstatus_to_exitcode(status), out.strip())


spawn(os.posix_spawn, EX, "import sys; print('spawned', sys.argv, 6 * 7)")
os.environ["PATH"] = os.path.dirname(EX) + os.pathsep + os.environ.get("PATH", "")
spawn(os.posix_spawnp, os.path.basename(EX), "import sys; print('spawned', sys.argv, 6 * 7)")

# os.spawnv* and os.execv* (fork, then execv/execve), and a preexec_fn that
# sets the child's environment with env=None (test_os, test_subprocess).
print("spawnv ->", os.spawnv(os.P_WAIT, EX, [EX, "-c", "import sys; sys.exit(7)"]))
print("spawnve ->", os.spawnve(os.P_WAIT, EX, [EX, "-c", "import os, sys; sys.exit(int(os.environ['N']))"],
                               {"N": "9"}))
print("spawnvp ->", os.spawnvp(os.P_WAIT, os.path.basename(EX), [EX, "-c", "import sys; sys.exit(5)"]))
p = subprocess.Popen([EX, "-c", "import os, sys; sys.stdout.write(os.getenv('FRUIT'))"],
                     stdout=subprocess.PIPE, preexec_fn=lambda: os.putenv("FRUIT", "apple"))
print("preexec_fn ->", p.communicate()[0], p.returncode)
# os.execve with a descriptor of the executable (fexecve: test_posix).
fd = os.open(EX, os.O_RDONLY)
pid = os.fork()
if pid == 0:
    os.execve(fd, [EX, "-c", "import sys; sys.exit(3)"], dict(os.environ))
os.close(fd)
print("fexecve ->", os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
try:
    os.execv("/nonexistent/program", ["x"])
except OSError as e:
    print("execv of a missing program:", e.errno)
print("key visible:", any("FREEZER" in k for k in os.environ))
r = subprocess.run(["/bin/sh", "-c", "env"], capture_output=True, text=True) if os.path.exists("/bin/sh") else None
print("key in a shell's environment:", r is not None and "FREEZER" in r.stdout)
print("done")
