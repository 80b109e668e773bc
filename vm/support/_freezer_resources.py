"""Package resources and distribution metadata served from a frozen app.

Bundled into every app by freezer and imported by the payload importer only
when asked: importlib.resources.files() gets a read-only Traversable over the
payload (as_file() then writes a temporary copy, as it does for zip imports),
and importlib.metadata finds the bundled *.dist-info / *.egg-info.
"""
import errno
import io
import posixpath
from importlib.resources.abc import Traversable, TraversableResources


class PayloadPath(Traversable):
    """A file or directory inside the app, named by its archive path."""

    def __init__(self, loader, relpath):
        self._loader = loader
        self._rel = posixpath.normpath(relpath).strip("/") if relpath else ""
        if self._rel == ".":
            self._rel = ""

    @property
    def name(self):
        return posixpath.basename(self._rel)

    def __str__(self):
        return self._loader._app_path + ("/" + self._rel if self._rel else "")

    def __repr__(self):
        return f"PayloadPath({str(self)!r})"

    def __eq__(self, other):
        return isinstance(other, PayloadPath) and str(self) == str(other)

    def __hash__(self):
        return hash(str(self))

    def iterdir(self):
        if not self.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, "Not a directory", str(self))
        for name in self._loader._payload_listdir(self._rel):
            yield PayloadPath(self._loader, posixpath.join(self._rel, name))

    def is_dir(self):
        return self._loader._payload_isdir(self._rel)

    def is_file(self):
        return self._loader._payload_isfile(self._rel)

    def exists(self):
        return self.is_file() or self.is_dir()

    def joinpath(self, *descendants):
        return PayloadPath(self._loader, posixpath.join(self._rel, *map(str, descendants)))

    def __truediv__(self, child):
        return self.joinpath(child)

    def read_bytes(self):
        if not self.is_file():
            code = errno.EISDIR if self.is_dir() else errno.ENOENT
            raise OSError(code, "Is a directory" if self.is_dir() else "No such file or directory",
                          str(self))
        return self._loader.get_data(str(self))

    def read_text(self, encoding=None):
        with self.open("r", encoding=encoding) as f:
            return f.read()

    def open(self, mode="r", *args, **kwargs):
        if set(mode) - set("rbt"):
            raise PermissionError(errno.EROFS, "The app's payload is read-only", str(self))
        data = io.BytesIO(self.read_bytes())
        if "b" in mode:
            return data
        return io.TextIOWrapper(data, *args, **kwargs)


class PayloadResourceReader(TraversableResources):
    def __init__(self, loader, package_dir):
        self._loader = loader
        self._dir = package_dir

    def files(self):
        return PayloadPath(self._loader, self._dir)


class DiskResourceReader(TraversableResources):
    """A package whose files are on disk (extracted): its directory there."""

    def __init__(self, path):
        self._path = path

    def files(self):
        import pathlib
        return pathlib.Path(self._path)


def resource_reader(loader, package_dir, disk_dir=""):
    # disk_dir: where the package's files are when it is on disk; a
    # subpackage with no files of its own has no directory there.
    import os
    if disk_dir and os.path.isdir(disk_dir):
        return DiskResourceReader(disk_dir)
    return PayloadResourceReader(loader, package_dir)


def _distribution_class():
    import importlib.metadata as metadata

    class PayloadDistribution(metadata.Distribution):
        def __init__(self, loader, dirname):
            self._loader = loader
            self._dir = dirname

        def read_text(self, filename):
            try:
                data = self._loader.get_data(self._loader._app_path + "/" + self._dir + "/" + filename)
            except OSError:
                return None
            return data.decode("utf-8")

        def locate_file(self, path):
            return PayloadPath(self._loader, str(path))

        @property
        def _normalized_name(self):
            stem = self._dir.rsplit(".", 1)[0]
            return metadata.Prepared.normalize(stem.split("-", 1)[0])

    return metadata, PayloadDistribution


def find_distributions(loader, context):
    metadata, PayloadDistribution = _distribution_class()
    wanted = None
    if context is not None and getattr(context, "name", None) is not None:
        wanted = metadata.Prepared.normalize(context.name)
    for dirname in loader._payload_metadata_dirs():
        dist = PayloadDistribution(loader, dirname)
        if wanted is None or dist._normalized_name == wanted:
            yield dist
