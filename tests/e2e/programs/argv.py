"""sys.argv[1:] arrives verbatim: empty strings, spaces, dashes, '-c', '--'."""
import sys

args = sys.argv[1:]
print(len(args), "arguments")
for i, a in enumerate(args, 1):
    print(i, repr(a))
print("argv[0] is a str:", isinstance(sys.argv[0], str))
print("orig_argv length matches:", len(getattr(sys, "orig_argv", [])) >= len(sys.argv))
