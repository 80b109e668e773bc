"""The collector's thresholds around imports are the program's own: the
freezer raises them only while a bundled module's body runs
(vm/import_gc_pause.h) and must leave no trace outside, keep values a module
sets while it is imported, and never turn automatic collection on."""
import gc
import threading

print("at start", gc.get_threshold(), gc.isenabled())

import json  # a stdlib package: several nested imports
print("after json", gc.get_threshold())

import sets_threshold  # calls gc.set_threshold(500) at its top level
print("after a module set them", gc.get_threshold())

gc.set_threshold(0, 10, 10)  # automatic collection off
import reads_threshold  # prints what it sees: 0 stays 0
print("after import with 0", gc.get_threshold())

gc.set_threshold(700, 10, 10)
import fails_on_import_helper  # its import raises; thresholds still put back
print("after a failed import", gc.get_threshold())


def worker():
    import email.message  # an import on another thread
    print("thread sees", gc.get_threshold())


t = threading.Thread(target=worker)
t.start()
t.join()
print("after thread", gc.get_threshold())

# Cyclic garbage made by a module body is still collected.
import makes_cycles
print("collected", gc.collect() >= 0, makes_cycles.alive())
