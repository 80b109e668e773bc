"""Identify data by content with libmagic (python-magic: ctypes over libmagic.so.1)."""
import gzip
import io
import json
import zipfile

import magic

samples = {
    "pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00",
    "gzip": gzip.compress(b"hello " * 100, mtime=0),
    "json": json.dumps({"a": [1, 2, 3], "b": {"c": None}}).encode(),
    "python": b"#!/usr/bin/env python3\nimport sys\nprint(sys.argv)\n",
    "shell": b"#!/bin/sh\necho hi\n",
    "html": b"<!DOCTYPE html>\n<html><head><title>x</title></head><body></body></html>\n",
    "utf8": "h\u00e9llo w\u00f6rld, \u65e5\u672c\n".encode(),
}
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w") as z:
    z.writestr(zipfile.ZipInfo("a.txt", (1980, 1, 1, 0, 0, 0)), "a")
samples["zip"] = buf.getvalue()

for name, data in samples.items():
    print(f"{name:7} {magic.from_buffer(data, mime=True):28} {magic.from_buffer(data)}")

m = magic.Magic(mime_encoding=True)
print("encoding of utf8:", m.from_buffer(samples["utf8"]))
print("from_file:", magic.from_file("notes.txt", mime=True))
print("version:", magic.version() > 500)
