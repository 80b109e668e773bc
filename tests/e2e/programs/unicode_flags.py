"""UTF-8 mode decided by -X utf8[=0|1] (--xoption), run with LC_ALL=C:
encodings of stdio, file system, locale, and what non-ASCII output becomes."""
import locale
import sys

print("utf8_mode:", sys.flags.utf8_mode)
print("stdout:", sys.stdout.encoding, sys.stdout.errors)
print("filesystem:", sys.getfilesystemencoding(), sys.getfilesystemencodeerrors())
print("preferred:", locale.getpreferredencoding(False))
sys.stdout.write("caf\u00e9 \U0001f40d\n".encode(sys.stdout.encoding, "backslashreplace")
                 .decode(sys.stdout.encoding))
print("open() default:", __import__("io").text_encoding(None))
