"""stdout and stderr into one pipe (2>&1): stdout is block-buffered when
not a terminal, stderr is line-buffered, so stderr lines come first unless
stdout is flushed; with -u (--unbuffered) the writes arrive in order."""
import sys

print("stdout line_buffering:", sys.stdout.line_buffering,
      "write_through:", sys.stdout.write_through)
print("stderr line_buffering:", sys.stderr.line_buffering,
      "write_through:", sys.stderr.write_through)
for i in range(3):
    print(f"out {i}")
    print(f"err {i}", file=sys.stderr)
sys.stderr.write("err partial, no newline; ")
print("out flushed explicitly", flush=True)
sys.stdout.buffer.write(b"raw out\n")
print("err end", file=sys.stderr)
print("out end")
