"""Sub-interpreters import from the app like the main one (issue 14,
defect 7): _xxsubinterpreters and test.support-style run_in_subinterp."""
import _xxsubinterpreters as interpreters
import csv  # noqa: F401  (bundled for the sub-interpreter)
import json
import os
import sys

r, w = os.pipe()
interp = interpreters.create()
interpreters.run_string(interp, f"""
import os, sys, json, csv, encodings
os.write({w}, (json.dumps([bool(sys.path), 'encodings' in sys.modules,
                           json.dumps({{'a': [1, 2]}}), csv.QUOTE_ALL]) + '\\n').encode())
""")
print("sub:", os.read(r, 10000).decode().strip())
try:
    interpreters.run_string(interp, "import no_such_module_here")
except interpreters.RunFailedError as e:
    print("RunFailedError:", str(e).split(":")[0])
interpreters.destroy(interp)
import _testcapi  # noqa: E402
print("run_in_subinterp:", _testcapi.run_in_subinterp("import json; json.dumps(1)"))
print("main still works:", json.dumps(sys.argv[1:]))
