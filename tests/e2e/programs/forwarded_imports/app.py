"""Modules named only as constants passed to functions that import their
argument (import forwarders), and import_module with a second argument."""
import importlib

import loader
import plugins

# A forwarder function (test.support's import_deprecated has this shape).
asyncore = loader.import_quietly("asyncore")
print(asyncore.__name__, hasattr(asyncore, "dispatcher"))

# A forwarder method: its first parameter after self.
colorsys = loader.Registry().load("colorsys")
print(colorsys.rgb_to_hls(1.0, 0.5, 0.0))

# import_module(name, package): a plain second argument, then the call.
wsgiref = importlib.import_module("wsgiref", None)
print(wsgiref.__name__)

print(plugins.alpha.NAME)
