"""`-m runpkg.tool`: a plain module of a package run as __main__."""
import sys


def greet(who):
    return f"hello {who}"


if __name__ == "__main__":
    print("tool: __name__ =", __name__, "__spec__.name =", __spec__.name,
          "__package__ =", __package__)
    print("args:", sys.argv[1:])
    print("runpkg imported first:", "runpkg" in sys.modules)
    sys.exit(greet(sys.argv[1]))
