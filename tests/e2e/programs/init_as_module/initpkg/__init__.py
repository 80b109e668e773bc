import sys
LOADS = sum(1 for name in sys.modules if name.startswith("initpkg")) + 1
