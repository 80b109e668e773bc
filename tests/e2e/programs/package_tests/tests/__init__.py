import os


def load_tests(loader, standard_tests, pattern):
    here = os.path.dirname(__file__)
    top = os.path.dirname(here)
    return loader.discover(start_dir=here, top_level_dir=top, pattern=pattern or "test*.py")
