"""Process-fidelity cases (issue 5): entry forms, interpreter options,
signals, pipes, terminals, child processes. Each runs the program under
python3.11 and frozen in the glibc-only root the same way, and compares
stdout, stderr (paths normalised) and exit status or terminating signal.

A run is driven by steps, so both sides see the same interaction:
  ("expect", b"text")   wait until the output so far contains text
  ("send", b"bytes")    write to stdin (the terminal with pty=True)
  ("sleep", seconds)    pause
  ("signal", SIG)       send SIG to the process group (as a terminal would)
  ("close",)            close stdin (end of file)
"""
from __future__ import annotations

import dataclasses
import fcntl
import os
import pty as ptymod
import select
import signal
import subprocess
import termios
import threading
import time
from pathlib import Path

import harness as H

STEP_TIMEOUT = 60
# faulthandler names threads by address.
THREAD_ID = [(r"Current thread 0x[0-9a-f]+", "Current thread 0x<ID>")]


@dataclasses.dataclass
class Drive:
    """How one program is run (identically for python and the app)."""
    args: tuple = ()
    stdin: bytes = b""
    env: dict | None = None
    steps: tuple = ()
    pty: bool = False     # stdin/stdout/stderr all on one pseudo-terminal
    merge: bool = False   # stderr into the stdout pipe (2>&1)
    head: bool = False    # stdout piped into `head -1`


def _preexec():
    # A background job of a non-interactive shell has SIGINT ignored, and an
    # ignored signal stays ignored across exec: give both runs the default,
    # as a terminal's foreground job has.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    H._no_core()


def _reader(fd_or_file, sink: bytearray, lock: threading.Lock):
    def loop():
        while True:
            try:
                chunk = os.read(fd_or_file, 65536)
            except OSError:  # EIO: the pty's other side is gone
                break
            if not chunk:
                break
            with lock:
                sink.extend(chunk)
    t = threading.Thread(target=loop, daemon=True)
    t.start()
    return t


def drive(argv, d: Drive, cwd=None, timeout=H.DEFAULT_TIMEOUT) -> H.Result:
    env = dict(H.BASE_ENV)
    env.update(d.env or {})
    out, err, lock = bytearray(), bytearray(), threading.Lock()
    readers, head = [], None
    master = None
    if d.pty:
        master, slave = ptymod.openpty()
        attrs = termios.tcgetattr(slave)
        termios.tcsetattr(slave, termios.TCSANOW, attrs)
        proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=cwd,
                                preexec_fn=_preexec, start_new_session=True)
        os.close(slave)
        readers.append(_reader(master, out, lock))
        write_fd = master
    else:
        proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT if d.merge else subprocess.PIPE,
                                env=env, cwd=cwd, preexec_fn=_preexec, start_new_session=True)
        if d.head:
            head = subprocess.Popen(["head", "-1"], stdin=proc.stdout, stdout=subprocess.PIPE)
            proc.stdout.close()  # head alone reads the app's stdout now
            readers.append(_reader(head.stdout.fileno(), out, lock))
        else:
            readers.append(_reader(proc.stdout.fileno(), out, lock))
        if not d.merge:
            readers.append(_reader(proc.stderr.fileno(), err, lock))
        write_fd = proc.stdin.fileno()
    timed_out = False
    try:
        if d.stdin:
            os.write(write_fd, d.stdin)
        for step in d.steps:
            kind = step[0]
            if kind == "expect":
                deadline = time.monotonic() + STEP_TIMEOUT
                while True:
                    with lock:
                        if step[1] in out or step[1] in err:
                            break
                    if time.monotonic() > deadline or proc.poll() is not None:
                        raise H.CaseFailure(f"never saw {step[1]!r} from {H.shell_join(argv)};"
                                            f" output so far: {bytes(out)!r} {bytes(err)!r}")
                    time.sleep(0.02)
            elif kind == "send":
                time.sleep(0.1)  # let the program reach its read (a prompt is not a read)
                os.write(write_fd, step[1])
            elif kind == "sleep":  # e.g. let "ready" be followed by the sleep call
                time.sleep(step[1])
            elif kind == "signal":
                os.killpg(proc.pid, step[1])
            elif kind == "close":
                if not d.pty:
                    proc.stdin.close()
        if not d.pty and not proc.stdin.closed:
            proc.stdin.close()
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()
        if head:
            head.wait()
        for t in readers:
            t.join(timeout=10)
        if master is not None:
            os.close(master)
    return H.Result(list(argv), proc.returncode, bytes(out), bytes(err), timed_out)


# ---------------------------------------------------------------------------
# Cases


def _stage(ctx, source: Path) -> Path:
    """A program file or a directory of files -> ctx.work/src; returns it."""
    src = ctx.work / "src"
    src.mkdir()
    if source is None:  # a stdlib entry (-m json.tool): nothing to stage
        return src
    files = [source] if source.is_file() else sorted(source.rglob("*.py"))
    for f in files:
        rel = f.name if source.is_file() else f.relative_to(source.parent)
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_bytes(f.read_bytes())
    return src


def _frozen(ctx, src: Path, build_args) -> Path:
    app = ctx.work / "app"
    res = H.run([str(ctx.freezer), "build", *build_args, "-o", str(app)], cwd=src)
    if res.returncode != 0 or not app.is_file():
        raise H.CaseFailure(f"freezer build failed\n{res.describe()}")
    root = H.make_root(ctx.work / "root")
    H.check_root(root)
    H.install_app(root, app)
    return root


def _run_frozen(root: Path, d: Drive) -> H.Result:
    argv = [H.UNSHARE, "-m", "--propagation", "private", "--", H.SH, "-c", H._ROOT_SCRIPT,
            "sh", str(root), H.ROOT_APP, *d.args]
    return drive(argv, d)


def fidelity_case(add, Case, name, source: Path, *, build, python, drive_: Drive,
                  extra_norm=(), doc=""):
    """build: freezer build arguments (entry and options; run in the staged
    source dir); python: python3.11 arguments before the program's own."""
    def run(ctx):
        src = _stage(ctx, source)
        root = _frozen(ctx, src, [a.replace("{src}", str(src)) for a in build])
        frozen = _run_frozen(root, drive_)
        # python -m / -c find the program's modules in the working directory.
        cwd = src if python[0] in ("-m", "-c") else ctx.work / "pycwd"
        cwd.mkdir(exist_ok=True)
        pyargv = [H.PYTHON, *[a.replace("{src}", str(src)) for a in python], *drive_.args]
        ref = drive(pyargv, drive_, cwd=cwd)
        from cases import FROZEN_NORM, python_norm
        problems = H.compare(ref, frozen, exp_norm=[*python_norm(src, cwd), *extra_norm],
                             act_norm=[*FROZEN_NORM, *extra_norm])
        if problems:
            problems.append("python3.11 run:\n" + ref.describe())
            problems.append("frozen run (in the glibc-only root):\n" + frozen.describe())
        return problems
    add(Case(name, run, doc or f"compare frozen {source} with python3.11"))


def register(add, Case):
    register_differences(add, Case)
    P = H.PROGRAMS
    SRC = ["--include-source"]

    def script(name, *, options=(), pyopts=(), d=Drive(), doc="", extra_norm=()):
        fidelity_case(add, Case, f"program.{name}", P / f"{name}.py",
                      build=[f"{name}.py", *options], python=[*pyopts, f"{{src}}/{name}.py"],
                      drive_=d, doc=doc, extra_norm=extra_norm)

    # Entry forms
    fidelity_case(add, Case, "entry.json_tool", None,
                  build=["-m", "json.tool"], python=["-m", "json.tool"],
                  drive_=Drive(stdin=b'{"b": [1, 2.5, null], "a": "\\u00e9t\\u00e9", "c": {}}'),
                  doc="freezer build -m json.tool, JSON on stdin")
    fidelity_case(add, Case, "entry.json_tool_sort_keys", None,
                  build=["-m", "json.tool"], python=["-m", "json.tool"],
                  drive_=Drive(args=("--sort-keys", "--indent", "2"), stdin=b'{"z": 1, "a": [true]}'),
                  doc="-m json.tool with options (the app's argv goes to the module)")
    fidelity_case(add, Case, "entry.json_tool_bad_input", None,
                  build=["-m", "json.tool"], python=["-m", "json.tool"],
                  drive_=Drive(stdin=b'{"a": 1,}'), doc="-m json.tool: error message, status 1")
    fidelity_case(add, Case, "entry.module_package", P / "runpkg",
                  build=["-m", "runpkg"], python=["-m", "runpkg"],
                  drive_=Drive(args=("x", "--flag")), doc="-m PACKAGE runs its __main__")
    fidelity_case(add, Case, "program.forwarded_imports", P / "forwarded_imports",
                  build=["forwarded_imports/app.py"], python=["{src}/forwarded_imports/app.py"],
                  drive_=Drive(), doc="modules named by constants passed to functions that import "
                  "their argument, and import_module(name, package)")
    fidelity_case(add, Case, "entry.module_plain", P / "runpkg",
                  build=["-m", "runpkg.tool"], python=["-m", "runpkg.tool"],
                  drive_=Drive(args=("y",)), doc="-m package.module")
    fidelity_case(add, Case, "entry.function", P / "console_entry.py",
                  build=["--entry", "console_entry:main"],
                  python=["-c", "import sys, console_entry; sys.exit(console_entry.main())"],
                  drive_=Drive(args=("3",)),
                  doc="--entry mod:func: sys.exit(func()) with an int")
    fidelity_case(add, Case, "entry.function_str", P / "console_entry.py",
                  build=["--entry", "console_entry:main"],
                  python=["-c", "import sys, console_entry; sys.exit(console_entry.main())"],
                  drive_=Drive(args=("text",)), doc="--entry: a str result goes to stderr, status 1")
    fidelity_case(add, Case, "entry.function_attr", P / "console_entry.py",
                  build=["--entry", "console_entry:Cli.run"],
                  python=["-c", "import sys, console_entry; sys.exit(console_entry.Cli.run())"],
                  drive_=Drive(), doc="--entry mod:Class.method")

    # Signals and pipes
    ready = (("expect", b"ready"), ("sleep", 0.3))
    script("sigint_ready", options=SRC,
           d=Drive(steps=ready + (("signal", signal.SIGINT),)),
           doc="Ctrl-C (SIGINT to the process group) of a sleeping app: "
               "KeyboardInterrupt, finally blocks, death by SIGINT")
    script("sigint_handled", d=Drive(steps=ready + (("signal", signal.SIGINT),)),
           doc="Ctrl-C caught as KeyboardInterrupt, exit status 130")
    script("sigterm_ready", d=Drive(steps=ready + (("signal", signal.SIGTERM),)),
           doc="SIGTERM from outside: no handler, death by SIGTERM, no atexit")
    script("sigterm_handler", d=Drive(steps=ready + (("signal", signal.SIGTERM),)),
           doc="SIGTERM handler raising SystemExit: atexit runs, status from the handler")
    script("sigpipe_head", options=SRC, d=Drive(head=True),
           doc="app | head -1: the same BrokenPipeError report and status as python")
    # Issue 13 item 11: python3.11 exits 120 here too (the flush at exit
    # fails); the reported 1 came from PYTHONUNBUFFERED=1 in the caller's
    # environment, which the app ignores: --unbuffered / python -u give 1.
    fidelity_case(add, Case, "program.sigpipe_merged_head", P / "sigpipe_head.py",
                  build=["sigpipe_head.py"], python=["{src}/sigpipe_head.py"],
                  drive_=Drive(merge=True, head=True),
                  doc="app 2>&1 | head -1: the status python3.11 gives (120)")
    fidelity_case(add, Case, "option.unbuffered_sigpipe_merged_head", P / "sigpipe_head.py",
                  build=["sigpipe_head.py", "--unbuffered"], python=["-u", "{src}/sigpipe_head.py"],
                  drive_=Drive(merge=True, head=True),
                  doc="--unbuffered app 2>&1 | head -1 vs python -u: status 1 for both")
    script("sigpipe_quiet", d=Drive(head=True),
           doc="app | head -1 for a program that handles BrokenPipeError as the docs advise")
    script("sigchld", doc="SIGCHLD handler and waitpid after os.fork")
    script("signal_alarm", doc="signal.alarm / setitimer handlers interrupt sleep")
    script("interrupt_main", options=SRC, doc="_thread.interrupt_main from a thread")

    # Streams and buffering
    script("buffering_merged", d=Drive(merge=True),
           doc="2>&1 into one pipe: stdout block-buffered, stderr line-buffered")
    fidelity_case(add, Case, "option.unbuffered", P / "buffering_merged.py",
                  build=["buffering_merged.py", "--unbuffered"],
                  python=["-u", "{src}/buffering_merged.py"], drive_=Drive(merge=True),
                  doc="--unbuffered vs python -u: 2>&1 order follows the writes")
    script("terminal_io", d=Drive(pty=True),
           doc="on a terminal: isatty, line-buffered stdout, order of the two streams")
    script("interactive_stdin",
           d=Drive(pty=True, steps=(("expect", b"name? "), ("send", b"Ada\n"),
                                    ("expect", b"number? "), ("send", b"41\n"),
                                    ("expect", b"more? "), ("send", b"\x04"))),
           doc="input() prompts answered on a pseudo-terminal, then Ctrl-D (EOF)")
    script("pdb_breakpoint", options=SRC,
           d=Drive(pty=True, steps=(("expect", b"(Pdb) "), ("send", b"p x\n"),
                                    ("expect", b"(Pdb) "), ("send", b"n\n"),
                                    ("expect", b"(Pdb) "), ("send", b"p y * 2\n"),
                                    ("expect", b"(Pdb) "), ("send", b"c\n"))),
           doc="breakpoint() on a terminal: pdb shows the source line, p/n/c work")
    script("stdin_binary", d=Drive(stdin=bytes(range(256)) * 4),
           doc="binary stdin through sys.stdin.buffer")

    script("exit_quitter",
           doc="exit/quit behave as _sitebuiltins.Quitter: repr, signature, name, eof, call")
    script("runpy_paths",
           doc="runpy.run_path(DIR/ZIP) and run_module('__main__') run that path's __main__")
    script("source_hooks_identity", options=SRC,
           doc="--include-source: sys.excepthook is sys.__excepthook__, linecache.clearcache() "
               "keeps bundled sources")
    script("subinterpreters",
           doc="sub-interpreters import from the app (_xxsubinterpreters, run_in_subinterp)")
    script("frozen_stdlib_files",
           doc="stdlib modules imported during start-up have __file__ and loader_state.filename")
    script("extension_file",
           doc="an extension's __file__ is the loaded image: ctypes.CDLL(ext.__file__), open()")
    script("extension_by_path",
           doc="an ExtensionFileLoader of an extension's path inside the app loads it, under "
               "any of its PyInit_ names (test_importlib's multi-phase tests)")
    script("descriptors",
           doc="no descriptor of the runtime's below 256 between imports: a closed stdin is "
               "not reused, a close_fds=False child inherits nothing")
    # Child processes
    script("mp_spawn_pool", doc="multiprocessing spawn: Pool and Process, __mp_main__")
    script("mp_forkserver", doc="multiprocessing forkserver: Pool, Queue, child exit codes")
    script("process_pool_executor", doc="ProcessPoolExecutor (fork and spawn contexts)")
    script("subprocess_self", doc="subprocess.run([sys.executable, ...]) starts the app itself")
    script("python_children",
           doc="sys.executable as a Python for the app's own children: -c, -m, -E, -I, -S, -X, "
               "-W, -u, -O, -B, -s, -, a script, a directory, --version, exit statuses")
    script("python_children_environment",
           doc="PYTHON* variables the app sets for its python children are honoured as python "
               "does: env=, os.environ, posix_spawn, grandchildren, -E/-I, PYTHONPATH")
    fidelity_case(add, Case, "program.python_children_outsider", P / "python_children.py",
                  build=["python_children.py"], python=["{src}/python_children.py"],
                  drive_=Drive(args=("-c", "print('outsider')", "-m", "json.tool")),
                  doc="without the child key `app -c CODE` is the app's own argv")
    script("mp_lookalike_argv",
           d=Drive(args=("-B", "-S", "-I", "-c",
                         "from multiprocessing.resource_tracker import main;main(8)", "extra")),
           doc="an argv that is almost a multiprocessing command line is the app's own")
    fidelity_case(add, Case, "program.mp_lookalike_fork_flag", P / "mp_lookalike_argv.py",
                  build=["mp_lookalike_argv.py"], python=["{src}/mp_lookalike_argv.py"],
                  drive_=Drive(args=("--multiprocessing-fork", "tracker_fd=5", "x=1")),
                  doc="--multiprocessing-fork not followed by spawn's arguments: the app's argv")

    # Threads, async, introspection
    script("thread_pool", doc="concurrent.futures.ThreadPoolExecutor, exceptions in futures")
    script("asyncio_tasks", options=SRC, doc="asyncio: gather, timeouts, executor, cancellation")
    script("asyncio_signals", doc="asyncio loop.add_signal_handler with a self-sent SIGTERM")
    script("faulthandler_dump", options=SRC, extra_norm=THREAD_ID, doc="faulthandler.dump_traceback and a fatal SIGSEGV")
    script("main_attributes", doc="the globals python gives a script's __main__")
    script("recursion", options=SRC, doc="RecursionError traceback with repeated-line summary")
    script("excepthook", doc="a custom sys.excepthook")
    script("exit_status_range", doc="sys.exit(256 + 3): status 3")
    fidelity_case(add, Case, "program.exit_status_negative", P / "exit_status_range.py",
                  build=["exit_status_range.py"], python=["{src}/exit_status_range.py"],
                  drive_=Drive(args=("negative",)), doc="sys.exit(-1): status 255")

    # Build-time interpreter options vs python's command-line options
    def option(name, prog, options, pyopts, d=Drive(), doc="", extra_norm=()):
        fidelity_case(add, Case, f"option.{name}", P / f"{prog}.py",
                      build=[f"{prog}.py", *options], python=[*pyopts, f"{{src}}/{prog}.py"],
                      drive_=d, doc=doc, extra_norm=extra_norm)
    option("optimize_1", "optimize", ["--optimize", "1"], ["-O"], doc="--optimize 1 vs -O")
    option("optimize_2", "optimize", ["--optimize", "2"], ["-OO"], doc="--optimize 2 vs -OO")
    option("warnings_error", "warnings_option", ["--warnings", "error::UserWarning",
                                                 "--include-source"],
           ["-W", "error::UserWarning"], doc="--warnings error::UserWarning vs -W")
    option("warnings_ignore", "warnings_option", ["--warnings", "ignore"], ["-W", "ignore"],
           doc="--warnings ignore vs -W ignore")
    option("xoption_dev", "xoption_dev", ["--xoption", "dev", "--include-source"], ["-X", "dev"],
           doc="--xoption dev vs -X dev: dev_mode, ResourceWarning shown, faulthandler on")
    # LC_ALL=C: no C-locale coercion on either side (the host has C.UTF-8
    # locale files, the root has none; coercion would make them differ).
    option("xoption_utf8_0", "unicode_flags", ["--xoption", "utf8=0"], ["-X", "utf8=0"],
           d=Drive(env={"LC_ALL": "C"}), doc="--xoption utf8=0 vs -X utf8=0, LC_ALL=C: ASCII")
    option("xoption_utf8_1", "unicode_flags", ["--xoption", "utf8"], ["-X", "utf8"],
           d=Drive(env={"LC_ALL": "C"}), doc="--xoption utf8 vs -X utf8, LC_ALL=C: UTF-8")
    option("xoption_faulthandler", "faulthandler_dump", ["--xoption", "faulthandler",
                                                         "--include-source"],
           ["-X", "faulthandler"], extra_norm=THREAD_ID,
           doc="--xoption faulthandler vs -X faulthandler")
    option("xoption_tracemalloc", "tracemalloc_stats", ["--xoption", "tracemalloc=4"],
           ["-X", "tracemalloc=4"], doc="--xoption tracemalloc=4 vs -X tracemalloc=4")
    fidelity_case(add, Case, "option.xoption_importtime", P / "importtime.py",
                  build=["importtime.py", "--xoption", "importtime"],
                  python=["-X", "importtime", "{src}/importtime.py"], drive_=Drive(),
                  extra_norm=[(r"(?m)^import time:(?!.*colorsys).*\n", ""),
                              (r"import time:\s+\d+ \|\s+\d+ \|", "import time: N | N |")],
                  doc="--xoption importtime vs -X importtime (colorsys's line, times masked)")
    allow = ["--include-source", "--allow-env", "PYTHONHASHSEED", "--allow-env", "PYTHONIOENCODING",
             "--allow-env", "PYTHONWARNINGS", "--allow-env", "PYTHONUNBUFFERED",
             "--allow-env", "PYTHONFAULTHANDLER"]
    envs = {"PYTHONHASHSEED": "123", "PYTHONIOENCODING": "latin-1:backslashreplace",
            "PYTHONWARNINGS": "error::DeprecationWarning,,ignore::UserWarning",
            "PYTHONUNBUFFERED": "1", "PYTHONFAULTHANDLER": "1"}
    option("allow_env", "allow_env", allow, [], d=Drive(env=envs, merge=True),
           doc="--allow-env for five variables: each honoured as python honours it")
    option("allow_env_unset", "allow_env", allow, [], d=Drive(merge=True),
           doc="--allow-env with the variables unset: python's defaults")
    option("allow_env_zero", "allow_env", allow, [],
           d=Drive(env={"PYTHONUNBUFFERED": "0", "PYTHONHASHSEED": "0"}, merge=True),
           doc="PYTHONUNBUFFERED=0 keeps buffering, PYTHONHASHSEED=0 disables randomisation")


# ---------------------------------------------------------------------------
# Documented differences (docs/boot-sequence.md, "Known differences"):
# asserted exactly, frozen side only.


def frozen_expect(add, Case, name, source, *, build, drive_: Drive, stdout: str, stderr="",
                  status=0, doc=""):
    def run(ctx):
        src = _stage(ctx, source)
        root = _frozen(ctx, src, build)
        res = _run_frozen(root, drive_)
        from cases import expect_frozen
        return expect_frozen(res, stdout=stdout, stderr=stderr, status=status)
    add(Case(name, run, doc))


def check_allow_env_refused(ctx):
    problems = []
    script = H.PROGRAMS / "allow_env.py"
    for name in ("PYTHONPATH", "PYTHONHOME", "PYTHONOPTIMIZE", "PYTHONNOSUCHTHING"):
        res = H.run([str(ctx.freezer), "build", str(script), "-o", str(ctx.work / "app"),
                     "--allow-env", name], cwd=ctx.work)
        problems += H.check_one_line_error(res, must_start=f"freezer: error: --allow-env {name}: ",
                                           what=f"--allow-env {name}")
    if (ctx.work / "app").exists():
        problems.append("an app was written despite the refused --allow-env")
    return problems


def register_differences(add, Case):
    P = H.PROGRAMS
    flags = ("isolated: 1 ignore_environment: 1 no_user_site: 1 safe_path: True\n"
             "no_site: 1 dont_write_bytecode: 1\n")
    frozen_expect(add, Case, "frozen.flags", P / "frozen_flags.py", build=["frozen_flags.py"],
                  drive_=Drive(), stdout=flags + "argv[0]: <DIR>\n",
                  doc="sys.flags a frozen app always has (isolated, no site, no bytecode)")
    frozen_expect(add, Case, "frozen.module_argv0", P / "frozen_flags.py",
                  build=["-m", "frozen_flags"], drive_=Drive(),
                  stdout=flags + "argv[0]: <DIR>\n",
                  doc="-m MODULE: sys.argv[0] stays the app (python puts the module's path)")
    add(Case("bad.allow_env_refused", check_allow_env_refused,
             "--allow-env PYTHONPATH/PYTHONHOME/PYTHONOPTIMIZE/unknown: one-line build error"))
