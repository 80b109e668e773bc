"""runpy.run_path(DIRECTORY or ZIP) and run_module("__main__") after
sys.path.insert run that path's __main__.py, not the program's own script
(issue 14, defect 4)."""
import os
import runpy
import sys
import zipfile

d = os.path.join(os.getcwd(), "runpy_tmp")
os.mkdir(d)
with open(os.path.join(d, "__main__.py"), "w") as f:
    f.write("import sys\nprint('dir __main__ ran as', __name__, 'argv0', sys.argv[0] == __file__)\n"
            "RESULT = 'from dir'\n")
zpath = os.path.join(d, "app.zip")
with zipfile.ZipFile(zpath, "w") as z:
    z.writestr("__main__.py", "print('zip __main__ ran as', __name__)\nRESULT = 'from zip'\n")

if __name__ != "__main__":
    print("the program's own script ran again as", __name__)
    raise SystemExit(9)
print("dir:", runpy.run_path(d)["RESULT"])
print("zip:", runpy.run_path(zpath)["RESULT"])
sys.path.insert(0, d)
main = sys.modules.pop("__main__")  # as a test runner's child does
try:
    print("run_module:", runpy.run_module("__main__", run_name="__run__")["RESULT"])
finally:
    sys.modules["__main__"] = main
