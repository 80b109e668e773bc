import importlib
import warnings


def import_quietly(name):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return importlib.import_module(name)


class Registry:
    def load(self, name, default=None):
        try:
            return importlib.import_module(name)
        except ImportError:
            return default

