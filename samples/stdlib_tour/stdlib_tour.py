"""Sample: a tour of pure-Python and glibc-only parts of the standard library.

Every section prints deterministic output (no times, no addresses, no
absolute paths) so a frozen run can be compared byte for byte with python.
"""
import argparse
import asyncio
import csv
import dataclasses
import datetime
import email.message
import email.parser
import email.policy
import http.client
import io
import json
import logging
import pathlib
import sys
import tempfile
import textwrap
import xml.etree.ElementTree as ET
import zipfile

log = logging.getLogger("tour")


def section(title):
    print(f"== {title}")


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="stdlib_tour", description="stdlib tour")
    parser.add_argument("--count", type=int, default=2, help="how many workers")
    parser.add_argument("--name", default="anonymous")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("words", nargs="*")
    return parser, parser.parse_args(argv)


def tour_argparse(parser, args):
    section("argparse")
    print(f"count={args.count} name={args.name} verbose={args.verbose} words={args.words}")
    try:
        parser.parse_args(["--count", "not-a-number"])
    except SystemExit as exc:
        print(f"bad --count exits with {exc.code}")
    print(parser.format_usage().strip())


def tour_json():
    section("json")
    doc = {"name": "freezer", "tags": ["a", "b"], "nested": {"pi": 3.25, "ok": True, "none": None},
           "unicode": "caf\u00e9"}
    text = json.dumps(doc, sort_keys=True)
    print(text)
    print(json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False))
    back = json.loads(text)
    print("round trip equal:", back == doc)
    try:
        json.loads('{"a": }')
    except json.JSONDecodeError as exc:
        print(f"JSONDecodeError: {exc}")


async def worker(n, results):
    for step in range(n):
        await asyncio.sleep(0)
        results.append((n, step))
    return n * n


def tour_asyncio(count):
    section("asyncio")
    results = []

    async def main():
        values = await asyncio.gather(*(worker(n, results) for n in range(1, count + 2)))
        queue = asyncio.Queue()
        for i in range(3):
            queue.put_nowait(i)
        drained = [await queue.get() for _ in range(3)]
        return values, drained

    values, drained = asyncio.run(main())
    print("gather:", values)
    print("interleaving:", results)
    print("queue:", drained)


def tour_email():
    section("email")
    msg = email.message.EmailMessage()
    msg["From"] = "Alice <alice@example.org>"
    msg["To"] = "Bob <bob@example.org>"
    msg["Subject"] = "Caf\u00e9 report"
    msg.set_content("Hello Bob,\nthe numbers are attached.\n")
    msg.add_attachment(b"1,2,3\n", maintype="text", subtype="csv", filename="numbers.csv")
    msg.set_boundary("==tour-boundary==")
    raw = msg.as_bytes()
    print(raw.decode("ascii"))
    parsed = email.parser.BytesParser(policy=email.policy.default).parsebytes(raw)
    print("subject:", parsed["subject"])
    print("multipart:", parsed.is_multipart(), parsed.get_content_type())
    for part in parsed.iter_parts():
        print(" part:", part.get_content_type(), part.get_filename(),
              repr(part.get_content()))


class FakeSocket:
    """Just enough of a socket for http.client.HTTPResponse."""

    def __init__(self, data):
        self._data = data

    def makefile(self, mode, *args, **kwargs):
        return io.BytesIO(self._data)


def tour_http():
    section("http.client")
    raw = (b"HTTP/1.1 200 OK\r\n"
           b"Content-Type: application/json; charset=utf-8\r\n"
           b"X-Tour: yes\r\n"
           b"Content-Length: 17\r\n"
           b"\r\n"
           b'{"status": "ok"}\n')
    resp = http.client.HTTPResponse(FakeSocket(raw), method="GET")
    resp.begin()
    print(resp.status, resp.reason, resp.version)
    print("content-type:", resp.getheader("Content-Type"))
    print("headers:", sorted(k.lower() for k in resp.headers.keys()))
    print("body:", json.loads(resp.read()))

    chunked = (b"HTTP/1.1 404 Not Found\r\n"
               b"Transfer-Encoding: chunked\r\n"
               b"\r\n"
               b"5\r\nhello\r\n"
               b"7\r\n, world\r\n"
               b"0\r\n\r\n")
    resp = http.client.HTTPResponse(FakeSocket(chunked), method="GET")
    resp.begin()
    print(resp.status, resp.reason, "chunked:", resp.chunked, resp.read())
    print("responses[418]:", http.client.responses.get(418))


def tour_csv():
    section("csv")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["city", "population", "note"])
    writer.writerow(["Oslo", 709037, "capital, Norway"])
    writer.writerow(["Z\u00fcrich", 421878, 'says "Gr\u00fcezi"'])
    text = out.getvalue()
    print(text, end="")
    for row in csv.DictReader(io.StringIO(text)):
        print(dict(row))


def tour_xml():
    section("xml.etree")
    doc = ET.fromstring(
        "<library><book id='1' year='1965'><title>Dune</title></book>"
        "<book id='2' year='1969'><title>Ubik</title></book>"
        "<magazine id='3'><title>Analog</title></magazine></library>")
    for book in doc.findall("book"):
        print(book.get("id"), book.get("year"), book.findtext("title"))
    print("all titles:", [t.text for t in doc.iter("title")])
    root = ET.Element("summary", count=str(len(doc)))
    for child in doc:
        ET.SubElement(root, "item", kind=child.tag).text = child.findtext("title")
    print(ET.tostring(root, encoding="unicode"))
    try:
        ET.fromstring("<broken>")
    except ET.ParseError as exc:
        print("ParseError:", exc)


@dataclasses.dataclass(order=True, frozen=True)
class Version:
    major: int
    minor: int = 0
    tags: tuple = dataclasses.field(default=(), compare=False)


def tour_dataclasses():
    section("dataclasses")
    versions = [Version(3, 11), Version(2, 7, ("legacy",)), Version(3)]
    print(sorted(versions))
    print(dataclasses.asdict(versions[1]))
    print([f.name for f in dataclasses.fields(Version)])
    try:
        versions[0].major = 4
    except dataclasses.FrozenInstanceError as exc:
        print("FrozenInstanceError:", exc)
    print(dataclasses.replace(versions[2], minor=12))


def tour_logging():
    section("logging")
    log.debug("debug goes to stderr")
    log.info("info with %s", "args")
    logging.getLogger("tour.child").warning("child warning")
    try:
        1 / 0
    except ZeroDivisionError:
        log.error("caught %s", "ZeroDivisionError", exc_info=False)
    print("handlers:", [type(h).__name__ for h in logging.getLogger().handlers])


def tour_pathlib_tempfile():
    section("pathlib + tempfile")
    with tempfile.TemporaryDirectory(prefix="tour-") as tmp:
        base = pathlib.Path(tmp)
        (base / "sub" / "deeper").mkdir(parents=True)
        (base / "sub" / "a.txt").write_text("alpha\n", encoding="utf-8")
        (base / "sub" / "deeper" / "b.txt").write_text("b\u00eata\n", encoding="utf-8")
        (base / "notes.md").write_bytes(b"# notes\n")
        for p in sorted(base.rglob("*")):
            kind = "dir " if p.is_dir() else "file"
            size = p.stat().st_size if p.is_file() else "-"
            print(kind, p.relative_to(base).as_posix(), size)
        print("suffixes:", sorted(p.suffix for p in base.rglob("*.*")))
        print("read back:", (base / "sub" / "deeper" / "b.txt").read_text(encoding="utf-8").strip())
        with tempfile.NamedTemporaryFile("w+", dir=base, suffix=".tmp", delete=True) as f:
            f.write("scratch")
            f.seek(0)
            print("named temp file:", pathlib.Path(f.name).parent == base, f.read())
        kept = base
    print("cleaned up:", not kept.exists())


def tour_zipfile():
    section("zipfile")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data, method in [("readme.txt", b"read me\n" * 20, zipfile.ZIP_DEFLATED),
                                   ("data/raw.bin", bytes(range(64)), zipfile.ZIP_STORED)]:
            info = zipfile.ZipInfo(name, date_time=(2020, 2, 29, 12, 30, 0))
            info.compress_type = method
            zf.writestr(info, data)
    buf.seek(0)
    with zipfile.ZipFile(buf) as zf:
        print("test:", zf.testzip())
        for info in zf.infolist():
            print(info.filename, info.file_size, hex(info.CRC), info.date_time,
                  "deflated" if info.compress_type == zipfile.ZIP_DEFLATED else "stored")
        print(zf.read("readme.txt").decode().splitlines()[0])


def tour_datetime():
    section("datetime")
    d = datetime.date(2024, 2, 28)
    print(d + datetime.timedelta(days=1), (d + datetime.timedelta(days=2)).isoformat())
    print(d.strftime("%A %d %B %Y"), d.isocalendar())
    t = datetime.datetime(2023, 12, 31, 23, 59, 30, tzinfo=datetime.timezone.utc)
    cet = datetime.timezone(datetime.timedelta(hours=1), "CET")
    print(t.isoformat(), "->", t.astimezone(cet).isoformat(), t.astimezone(cet).tzname())
    print(datetime.datetime.fromisoformat("2021-07-04T10:00:00+02:00").utcoffset())
    print(datetime.datetime(2000, 1, 1) - datetime.datetime(1999, 12, 25, 6))
    print(datetime.datetime.strptime("03/05/2022 14:15", "%d/%m/%Y %H:%M"))


def main(argv):
    logging.basicConfig(stream=sys.stderr, level=logging.DEBUG,
                        format="%(levelname)s:%(name)s:%(message)s")
    parser, args = parse_args(argv)
    tour_argparse(parser, args)
    tour_json()
    tour_asyncio(args.count)
    tour_email()
    tour_http()
    tour_csv()
    tour_xml()
    tour_dataclasses()
    tour_logging()
    tour_pathlib_tempfile()
    tour_zipfile()
    tour_datetime()
    if args.verbose:
        print(textwrap.fill("verbose: " + " ".join(args.words or ["(no words)"]), width=40))
    print("done")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
