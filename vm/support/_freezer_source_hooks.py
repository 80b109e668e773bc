"""Error printers that show bundled source lines (--include-source).

Bundled by freezer into apps built with --include-source. CPython's C
printers (sys.excepthook, the unraisable hook, threading's excepthook) read
sources from disk only, and so does linecache without module globals
(warnings). The stub installs C trampolines as those hooks; the first one
called imports this module, whose Python twins of the C printers
(Python/errors.c write_unraisable_exc_file, Modules/_threadmodule.c
thread_excepthook) print through `traceback`, which reads sources via
linecache. The payload importer registers each bundled module's source
with linecache through `register` (vm/source_hooks.cc).

Everything else is imported inside the functions: importing this module
costs nothing until an error is printed.
"""
import sys


def _stderr():
    return sys.stderr


def excepthook(exc_type, exc_value, exc_tb):
    if not isinstance(exc_value, BaseException):
        # What the C hook prints (Python/pythonrun.c print_exception) and
        # returns None, where traceback would raise.
        f = _stderr()
        if f is not None:
            f.write("TypeError: print_exception(): Exception expected for value, "
                    f"{type(exc_value).__name__} found\n")
        return
    import traceback
    traceback.print_exception(exc_type, exc_value, exc_tb)


def unraisablehook(u):
    import traceback
    f = _stderr()
    if f is None:
        return
    if u.object is not None:
        try:
            r = repr(u.object)
        except Exception:
            r = "<object repr() failed>"
        msg = u.err_msg if u.err_msg is not None else "Exception ignored in"
        f.write(f"{msg}: {r}\n")
    elif u.err_msg is not None:
        f.write(f"{u.err_msg}:\n")
    if u.exc_traceback is not None:
        f.write("Traceback (most recent call last):\n")
        traceback.print_tb(u.exc_traceback, file=f)
    if u.exc_type is None:
        return
    for line in traceback.format_exception_only(u.exc_type, u.exc_value):
        f.write(line)
    f.flush()


def thread_excepthook(args):
    import threading
    import traceback
    if args.exc_type == SystemExit:
        return
    f = _stderr()
    if f is None:
        f = args.thread._stderr if args.thread is not None else None
        if f is None:
            return
    name = args.thread.name if args.thread is not None else threading.get_ident()
    print(f"Exception in thread {name}:", file=f, flush=True)
    traceback.print_exception(args.exc_type, args.exc_value, args.exc_traceback, file=f)
    f.flush()


# linecache and functools are passed in, not imported: the importer calls
# this right after executing a module, when they may still be initialising
# (even linecache itself), and an import could wait on another thread's
# import lock.
# filename -> the module globals linecache.lazycache needs to read it again.
_registered = {}


def _install_updatecache(linecache):
    """linecache.clearcache() (or cache.clear()) forgets the lazy entries;
    getline then calls updatecache, which under python re-reads the file
    from disk. For a bundled file it is given the module's globals, so
    lazycache asks the payload importer again."""
    original = linecache.updatecache
    if getattr(original, "_freezer_bundled", False):
        return

    def updatecache(filename, module_globals=None):
        if module_globals is None:
            module_globals = _registered.get(filename)
        return original(filename, module_globals)

    updatecache._freezer_bundled = True
    updatecache.__doc__ = original.__doc__
    linecache.updatecache = updatecache


def register(linecache, functools, name, filename, get_source):
    if not filename:
        return
    if filename not in _registered:
        _registered[filename] = {"__name__": name, "__loader__": get_source.__self__}
        _install_updatecache(linecache)
    if filename not in linecache.cache:
        linecache.cache[filename] = (functools.partial(get_source, name),)
