"""multiprocessing's helper processes in a frozen app.

Bundled by freezer into apps that bundle multiprocessing.spawn. Imported
when multiprocessing.util is (install_parent: every process multiprocessing
starts gets the child key), and in the helper processes multiprocessing
starts with sys.executable (the app), whose command lines the stub
recognises and runs instead of the app's entry (vm/child_process_modes.cc).
multiprocessing is imported inside the functions: this module is imported
while multiprocessing.util is being set up.
"""
import os
import sys

# The app's bundled script and its path, <app>/<script>; None and "" for
# -m and --entry apps (spawn re-imports those by module name).
_main_code = None
_main_file = ""


_original_fixup = None


def _fixup_main_from_path(main_path):
    import runpy
    import types
    from multiprocessing import spawn
    if _main_code is None or main_path != _main_file:
        return _original_fixup(main_path)
    current_main = sys.modules['__main__']
    if getattr(current_main, '__file__', None) == main_path:
        return
    spawn.old_main_modules.append(current_main)
    main_module = types.ModuleType('__mp_main__')
    main_content = runpy._run_module_code(_main_code, None, '__mp_main__',
                                          pkg_name='', script_name=main_path)
    main_module.__dict__.update(main_content)
    sys.modules['__main__'] = sys.modules['__mp_main__'] = main_module


def install_main_fixup(main_code, main_file):
    """spawn prepares a child's __main__ with runpy.run_path(<the parent's
    __main__.__file__>); for a frozen script that path is <app>/<script>, not
    a file. For that path the child runs the bundled code instead, exactly
    as run_path would (module __mp_main__); any other goes to spawn's own."""
    global _main_code, _main_file, _original_fixup
    from multiprocessing import spawn
    _main_code, _main_file = main_code, main_file
    if _original_fixup is None:
        _original_fixup = spawn._fixup_main_from_path
    spawn._fixup_main_from_path = _fixup_main_from_path


def install_parent(util, name, key):
    """multiprocessing starts every process that runs sys.executable (spawn
    children, the forkserver, the resource tracker) through
    util.spawnv_passfds, which passes the process's environment on; the stub
    took the key out of it (vm/child_key.h), so this one adds it back for
    those processes only. Anything started with another executable
    (multiprocessing.set_executable) gets the environment as before."""
    original = util.spawnv_passfds
    name_b = os.fsencode(name)
    entry = name_b + b"=" + os.fsencode(key)

    def spawnv_passfds(path, args, passfds):
        if os.fsencode(path) != os.fsencode(sys.executable):
            return original(path, args, passfds)
        import _posixsubprocess
        import subprocess
        # As multiprocessing.util.spawnv_passfds (3.11), with an environment.
        env = [k + b"=" + v for k, v in os.environb.items() if k != name_b] + [entry]
        passfds = tuple(sorted(map(int, passfds)))
        errpipe_read, errpipe_write = os.pipe()
        try:
            return _posixsubprocess.fork_exec(
                args, [path], True, passfds, None, env,
                -1, -1, -1, -1, -1, -1, errpipe_read, errpipe_write,
                False, False, -1, None, None, None, -1, None,
                subprocess._USE_VFORK)
        finally:
            os.close(errpipe_read)
            os.close(errpipe_write)

    spawnv_passfds.__doc__ = original.__doc__
    util.spawnv_passfds = spawnv_passfds


def forkserver_main(listener_fd, alive_r, preload, main_kws):
    """multiprocessing.forkserver's main(); `preload` and `main_kws` are the
    reprs of literals from the command line: parsed, never evaluated, so the
    command line cannot run arbitrary code."""
    from ast import literal_eval
    from multiprocessing.forkserver import main
    main(listener_fd, alive_r, literal_eval(preload), **literal_eval(main_kws))
