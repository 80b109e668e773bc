"""The smallest freezer sample: greets whoever is named on the command line."""
import sys


def main(argv):
    who = " ".join(argv) if argv else "world"
    print(f"hello, {who}!")
    print(f"{len(argv)} argument(s)")
    for i, arg in enumerate(argv, 1):
        print(f"  argv[{i}] = {arg!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
