import json
import os

HERE = os.path.dirname(__file__)


def load():
    with open(os.path.join(HERE, "data", "table.json"), encoding="utf-8") as f:
        return json.load(f)
