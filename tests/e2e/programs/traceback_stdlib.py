"""An uncaught exception whose traceback goes through stdlib frames (json).
python shows /usr/lib/python3.11/json/...; a frozen app shows the module
inside the app (<app>/json/...): both normalise to <DIR>. Frozen with
--include-source: the stdlib source lines must be shown as python does."""
import json


def load(text):
    return json.loads(text)


print("decoding")
load('{"a": 1,}')
