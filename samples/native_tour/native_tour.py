"""Standard library modules backed by C extensions and shared libraries:
sqlite3, ssl, hashlib, ctypes, decimal, lzma, bz2, mmap, socket, uuid."""
import bz2
import ctypes
import decimal
import hashlib
import lzma
import mmap
import socket
import sqlite3
import ssl
import uuid


def tour_sqlite():
    con = sqlite3.connect(":memory:")
    con.execute("create table city (name text, population integer)")
    con.executemany("insert into city values (?, ?)", [("Oslo", 709037), ("Bergen", 291940)])
    rows = con.execute("select name, population from city order by population desc").fetchall()
    print("sqlite3:", rows, sqlite3.sqlite_version_info >= (3, 0, 0))


def tour_ssl():
    ctx = ssl.create_default_context()
    print("ssl:", ssl.OPENSSL_VERSION.split()[0], ctx.protocol.name,
          ctx.verify_mode == ssl.CERT_REQUIRED, ctx.check_hostname)


def tour_hashlib():
    print("sha3_256:", hashlib.sha3_256(b"freezer").hexdigest())
    print("blake2b:", hashlib.blake2b(b"freezer", digest_size=16).hexdigest())
    print("md5 (OpenSSL):", hashlib.new("md5", b"freezer").hexdigest())
    print("sha256:", hashlib.sha256(b"freezer").hexdigest())
    print("pbkdf2:", hashlib.pbkdf2_hmac("sha256", b"pw", b"salt", 1000).hex()[:32])


def tour_ctypes():
    libc = ctypes.CDLL(None)
    libc.strlen.restype = ctypes.c_size_t
    buf = ctypes.create_string_buffer(32)
    libc.snprintf(buf, 32, b"%d-%s", 42, b"ctypes")
    print("ctypes:", libc.abs(-7), libc.strlen(b"frozen"), buf.value)


def tour_decimal():
    decimal.getcontext().prec = 30
    print("decimal:", decimal.Decimal(1) / decimal.Decimal(7), decimal.Decimal("2").sqrt())


def tour_compression():
    data = b"freezer " * 1000
    print("lzma:", len(lzma.compress(data)) < len(data), lzma.decompress(lzma.compress(data)) == data)
    print("bz2:", len(bz2.compress(data)) < len(data), bz2.decompress(bz2.compress(data)) == data)


def tour_mmap():
    with mmap.mmap(-1, 64) as m:
        m.write(b"mapped memory")
        m.seek(0)
        print("mmap:", m.read(13), m.find(b"memory"))


def tour_socket():
    a, b = socket.socketpair()
    with a, b:
        a.sendall(b"ping over a socketpair")
        print("socketpair:", b.recv(64))


def tour_uuid():
    u = uuid.UUID("12345678-1234-5678-1234-567812345678")
    print("uuid:", u.hex, u.version, uuid.uuid5(uuid.NAMESPACE_DNS, "example.org"))
    print("uuid4 length:", len(str(uuid.uuid4())))


tour_sqlite()
tour_ssl()
tour_hashlib()
tour_ctypes()
tour_decimal()
tour_compression()
tour_mmap()
tour_socket()
tour_uuid()
