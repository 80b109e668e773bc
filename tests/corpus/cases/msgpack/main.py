"""msgpack (Cython extension): pack/unpack, extension types, streaming Unpacker, timestamps."""
import datetime

import msgpack

data = {"id": 7, "tags": ["a", "b"], "blob": b"\x00\xff", "ratio": 0.5, "nested": {"ok": True, "none": None}}
packed = msgpack.packb(data)
print(packed.hex())
print(msgpack.unpackb(packed) == data, msgpack.version)


def default(obj):
    if isinstance(obj, complex):
        return msgpack.ExtType(42, msgpack.packb([obj.real, obj.imag]))
    raise TypeError(obj)


def ext_hook(code, payload):
    return complex(*msgpack.unpackb(payload)) if code == 42 else msgpack.ExtType(code, payload)


blob = msgpack.packb([1 + 2j, 3j], default=default)
print(blob.hex(), msgpack.unpackb(blob, ext_hook=ext_hook))
unpacker = msgpack.Unpacker()
stream = b"".join(msgpack.packb(i * "x") for i in range(4))
for chunk in (stream[:3], stream[3:7], stream[7:]):
    unpacker.feed(chunk)
    print([o for o in unpacker])
ts = datetime.datetime(2023, 7, 14, 16, 5, 9, tzinfo=datetime.timezone.utc)
print(msgpack.unpackb(msgpack.packb(ts, datetime=True), timestamp=3))
from msgpack import _cmsgpack  # noqa: E402
print(msgpack.Packer is _cmsgpack.Packer)
