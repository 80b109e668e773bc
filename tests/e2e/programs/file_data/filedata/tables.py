import os

_PATH = os.path.join(os.path.dirname(__file__), "data", "letters.txt")


def lookup(key):
    with open(_PATH, encoding="utf-8") as f:
        return dict(line.split("=") for line in f.read().split())[key]
