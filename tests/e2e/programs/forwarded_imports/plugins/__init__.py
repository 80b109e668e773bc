import importlib

alpha = importlib.import_module(".alpha", __name__)
