import sys
# How many modules are imported before the entry's first line runs, and which.
print(len(sys.modules), *sorted(sys.modules))
