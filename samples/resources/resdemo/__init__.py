"""A package that reads its own data files through every standard API."""
import importlib.resources
import pkgutil


def greeting():
    return importlib.resources.files(__package__).joinpath("data/greeting.txt").read_text(encoding="utf-8")


def raw_config():
    return pkgutil.get_data(__package__, "data/config.json")
