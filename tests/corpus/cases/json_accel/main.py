"""Accelerated JSON: simplejson's C speedups and ujson, compared with the stdlib."""
import decimal
import json

import simplejson
import ujson

data = {"name": "café", "values": [1, 2.5, None, True], "nested": {"a": [{"b": "ü"}]}, "big": 2 ** 60}
print(simplejson.dumps(data, sort_keys=True))
print(simplejson.dumps(data, sort_keys=True, indent=2, ensure_ascii=False))
print(simplejson.loads('{"x": 1.10}', use_decimal=True), simplejson.dumps(decimal.Decimal("3.140")))
print(simplejson._speedups is not None, simplejson.encoder.c_make_encoder is not None)
print(ujson.dumps(data, sort_keys=True), ujson.loads(ujson.dumps(data)) == json.loads(json.dumps(data)))
print(ujson.dumps([1.5, "é"], ensure_ascii=False), ujson.__version__)
try:
    simplejson.loads("{bad json}")
except simplejson.JSONDecodeError as exc:
    print("error:", exc.msg, exc.pos)
try:
    ujson.loads("[1,")
except ValueError as exc:
    print("ujson error:", exc)
