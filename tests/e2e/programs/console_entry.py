"""Console-script entry (--entry console_entry:main): sys.exit(main()),
compared with python3.11 -c 'import sys, console_entry; sys.exit(...)'."""
import sys


def main():
    print("main called, __name__ of my module:", __name__)
    arg = sys.argv[1] if len(sys.argv) > 1 else ""
    print("argument:", arg)
    return int(arg) if arg.isdigit() else f"error: {arg} is not a number"


class Cli:
    @staticmethod
    def run():
        print("Cli.run called; main module has __file__:",
              hasattr(sys.modules["__main__"], "__file__"))
        return None
