"""Keeps track of shape classes as they are defined."""
from . import PRECISION

IMPORT_LOG = []
_CLASSES = {}


def register(cls):
    _CLASSES[cls.__name__] = cls
    IMPORT_LOG.append(f"{cls.__module__.rsplit('.', 1)[-1]}:{cls.__name__}")
    return cls


def names():
    return sorted(_CLASSES)


def rounded(value):
    return round(value, PRECISION)


if __name__ == "__main__":
    print("registry run as a script: this must not print when imported")
