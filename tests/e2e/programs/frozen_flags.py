"""Frozen-only (a documented difference): the sys.flags a frozen app always
has, whatever the build options, because the stub runs isolated and without
site; python3.11 script.py has 0 for each of these. Then argv[0]."""
import sys

f = sys.flags
print("isolated:", f.isolated, "ignore_environment:", f.ignore_environment,
      "no_user_site:", f.no_user_site, "safe_path:", f.safe_path)
print("no_site:", f.no_site, "dont_write_bytecode:", f.dont_write_bytecode)
print("argv[0]:", sys.argv[0])
