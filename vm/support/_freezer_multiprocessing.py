"""multiprocessing's helper processes in a frozen app.

Bundled by freezer into apps that bundle multiprocessing.spawn; imported
only in the helper processes multiprocessing starts with sys.executable
(the app), whose command lines the stub recognises and runs instead of the
app's entry (vm/child_process_modes.cc).
"""
import runpy
import sys
import types
from multiprocessing import spawn

# The app's bundled script and its path, <app>/<script>; None and "" for
# -m and --entry apps (spawn re-imports those by module name).
_main_code = None
_main_file = ""


def _fixup_main_from_path(main_path, _original=spawn._fixup_main_from_path):
    if _main_code is None or main_path != _main_file:
        return _original(main_path)
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
    global _main_code, _main_file
    _main_code, _main_file = main_code, main_file
    spawn._fixup_main_from_path = _fixup_main_from_path


def forkserver_main(listener_fd, alive_r, preload, main_kws):
    """multiprocessing.forkserver's main(); `preload` and `main_kws` are the
    reprs of literals from the command line: parsed, never evaluated, so the
    command line cannot run arbitrary code."""
    from ast import literal_eval
    from multiprocessing.forkserver import main
    main(listener_fd, alive_r, literal_eval(preload), **literal_eval(main_kws))
