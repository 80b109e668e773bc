"""A build helper that imports setuptools: find_packages, version parsing, requirements, entry points."""
import setuptools
from pkg_resources import Requirement, parse_version
from setuptools import Extension, find_packages

print("setuptools major >= 60:", int(setuptools.__version__.split(".")[0]) >= 60)
print(find_packages(where="tree"))
print(sorted(["1.10", "1.9", "1.10rc1", "2.0.dev1"], key=parse_version))
req = Requirement.parse("requests[socks]>=2.20,<3; python_version >= '3.7'")
print(req.project_name, sorted(req.extras), str(req.specifier), req.marker)
print("2.28.1" in req, "3.0" in req)
ext = Extension("fast", sources=["fast.c"], define_macros=[("NDEBUG", "1")])
print(ext.name, ext.sources, ext.define_macros)
import distutils.core  # noqa: E402  (the setuptools copy, via _distutils_hack)
print("distutils from setuptools:", "_distutils" in distutils.core.__file__)
