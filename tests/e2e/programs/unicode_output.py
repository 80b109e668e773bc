"""Non-ASCII text with no locale at all (no LANG, no LC_*): python uses UTF-8
for stdio, argv and file names; undecodable argv bytes come back as
surrogate escapes."""
import codecs
import os
import sys


def name(enc):
    return codecs.lookup(enc).name


print("stdout:", name(sys.stdout.encoding), sys.stdout.errors,
      "line_buffering", sys.stdout.line_buffering)
print("stderr:", name(sys.stderr.encoding), sys.stderr.errors,
      "line_buffering", sys.stderr.line_buffering)
print("filesystem:", name(sys.getfilesystemencoding()), sys.getfilesystemencodeerrors())
print("utf8_mode:", sys.flags.utf8_mode)
print("preferred:", name(__import__("locale").getpreferredencoding(False)))
print("Grüße, Καλημέρα, こんにちは, 🐍 — ✓")
print("argv:", ascii(sys.argv[1:]))
for arg in sys.argv[1:]:
    print("  as bytes:", os.fsencode(arg))
print("Ωmega on stderr", file=sys.stderr)
sys.stdout.buffer.write("raw bytes: é\n".encode("utf-8"))
