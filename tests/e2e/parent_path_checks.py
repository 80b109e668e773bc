"""Submodules are found through their parent's __path__ (issue 11, defect
9): a meta-path finder that makes one package an alias of another (as
setuptools' _distutils_hack makes `distutils` the package
setuptools._distutils) has the alias's submodules loaded from the other
package's directory, as PathFinder loads them, not the modules bundled under
the alias's own name. Compared with python3.11 in the glibc-only root."""
from __future__ import annotations

from discovery_checks import _compare

# fxalias/ is the "standard library" copy; fxhost._impl the one the finder
# puts in its place, as _distutils_hack.DistutilsMetaFinder does.
PROGRAM = """\
import importlib, importlib.abc, importlib.util, inspect, sys

class AliasFinder:
    def find_spec(self, fullname, path, target=None):
        if fullname != "fxalias":
            return None
        impl = importlib.import_module("fxhost._impl")

        class Loader(importlib.abc.Loader):
            def create_module(self, spec):
                impl.__name__ = "fxalias"
                return impl

            def exec_module(self, module):
                pass

        return importlib.util.spec_from_loader("fxalias", Loader(), origin=impl.__file__)

sys.meta_path.insert(0, AliasFinder())
import fxalias.core, fxalias.sub.leaf
print(fxalias.core.WHO, fxalias.core.__name__, fxalias.core.__file__)
print(fxalias.sub.leaf.WHO, fxalias.sub.__path__)
print(inspect.getsource(fxalias.core).splitlines()[0])
print(fxalias.sub.__loader__.is_package("fxalias.sub"), fxalias.core.__loader__.get_filename("fxalias.core"))
try:
    import fxalias.only_in_the_copy
except ImportError as e:
    print(type(e).__name__, e.name)
sys.meta_path.pop(0)
"""

FILES = {
    "main.py": PROGRAM,
    "fxalias/__init__.py": "",
    "fxalias/core.py": "WHO = 'the copy under its own name (wrong)'\n",
    "fxalias/only_in_the_copy.py": "",
    "fxalias/sub/__init__.py": "",
    "fxalias/sub/leaf.py": "WHO = 'the copy under its own name (wrong)'\n",
    "fxhost/__init__.py": "",
    "fxhost/_impl/__init__.py": "",
    "fxhost/_impl/core.py": "WHO = 'the package the alias names'  # first line\n",
    "fxhost/_impl/sub/__init__.py": "",
    "fxhost/_impl/sub/leaf.py": "WHO = 'its subpackage'\n",
}


def alias_package_submodules(ctx):
    return _compare(ctx, FILES, ["main.py", "--include-source", "--include-package", "fxhost",
                                 "--include-package", "fxalias"], ["main.py"])


def register(add, Case):
    add(Case("parent_path.alias_package_submodules", alias_package_submodules,
             "an alias package's submodules come from the directory its __path__ names (defect 9)"))
