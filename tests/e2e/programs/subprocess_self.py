"""subprocess with sys.executable: python needs the script path as its first
argument, a frozen app is the program itself (what real apps do with
getattr(sys, "frozen", False)). The child gets its argv untouched."""
import os
import subprocess
import sys

if len(sys.argv) > 1 and sys.argv[1] == "child":
    data = sys.stdin.read()
    print("child argv:", sys.argv[1:])
    print("child stdin:", data.upper().strip())
    print("child to stderr", file=sys.stderr)
    sys.exit(int(sys.argv[2]))

me = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, __file__]
r = subprocess.run(me + ["child", "5", "-c", "print(1)"], input="from the parent\n",
                   capture_output=True, text=True)
print("status:", r.returncode)
print("stdout:", r.stdout.splitlines())
print("stderr:", r.stderr.splitlines())
r = subprocess.run(me + ["child", "0"], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE)
print("second run:", r.returncode, r.stdout.decode().splitlines())
print("executable is absolute:", os.path.isabs(sys.executable))
