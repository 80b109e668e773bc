"""Package resources and distribution metadata served from a frozen app.

Bundled into every app by freezer and imported by the payload importer only
when asked: importlib.resources.files() gets a read-only Traversable over the
payload (as_file() then writes a temporary copy, as it does for zip imports),
importlib.metadata finds the bundled *.dist-info / *.egg-info, and
pkg_resources, once imported, gets a provider and a distribution finder.
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

    def read_text(self, encoding=None, errors=None):
        # pathlib.Path.read_text's signature (zipfile.Path passes the same on).
        encoding = io.text_encoding(encoding)
        with self.open("r", encoding=encoding, errors=errors) as f:
            return f.read()

    def open(self, mode="r", buffering=-1, encoding=None, errors=None, newline=None):
        """pathlib.Path.open's signature, with io.open's checks and messages;
        a mode that writes is refused: the payload is read-only."""
        if not isinstance(mode, str):
            raise TypeError(f"open() argument 'mode' must be str, not {type(mode).__name__}")
        if not isinstance(buffering, int):
            raise TypeError(f"'{type(buffering).__name__}' object cannot be interpreted as an integer")
        for what, value in (("encoding", encoding), ("errors", errors), ("newline", newline)):
            if value is not None and not isinstance(value, str):
                raise TypeError(f"open() argument '{what}' must be str or None, "
                                f"not {type(value).__name__}")
        modes = set(mode)
        if modes - set("axrwb+t") or len(mode) > len(modes):
            raise ValueError(f"invalid mode: '{mode}'")
        binary = "b" in modes
        if binary and "t" in modes:
            raise ValueError("can't have text and binary mode at once")
        if sum(c in modes for c in "xrwa") != 1:
            raise ValueError("must have exactly one of create/read/write/append mode")
        if binary and encoding is not None:
            raise ValueError("binary mode doesn't take an encoding argument")
        if binary and errors is not None:
            raise ValueError("binary mode doesn't take an errors argument")
        if binary and newline is not None:
            raise ValueError("binary mode doesn't take a newline argument")
        if newline not in (None, "", "\n", "\r", "\r\n"):
            raise ValueError(f"illegal newline value: {newline}")
        if modes & set("xwa+"):
            raise PermissionError(errno.EROFS, "The app's payload is read-only", str(self))
        data = io.BytesIO(self.read_bytes())
        if binary:
            return data
        if buffering == 0:
            raise ValueError("can't have unbuffered text I/O")
        return io.TextIOWrapper(data, io.text_encoding(encoding), errors, newline,
                                line_buffering=buffering == 1)


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
    # The app is on sys.path (as a zip app is) and is a zip: PathFinder, after
    # the payload importer on sys.meta_path, would read the same *.dist-info
    # from it again through zipfile. One discover() gives every finder the
    # same context, so the app leaves its entry out of the path PathFinder
    # searches: each distribution is listed once, and served from here.
    # The bundled distributions are where the app is on the path: a search
    # of other places (distributions(path=[a wheel or a directory])) does not
    # find them, as python's finds only what those places hold.
    if context is not None and "path" in vars(context) and loader._app_path not in context.path:
        return
    if context is not None and loader._app_path in context.path:
        vars(context)["path"] = [p for p in context.path if p != loader._app_path]
    wanted = None
    if context is not None and getattr(context, "name", None) is not None:
        wanted = metadata.Prepared.normalize(context.name)
    for dirname in loader._payload_metadata_dirs():
        dist = PayloadDistribution(loader, dirname)
        if wanted is None or dist._normalized_name == wanted:
            yield dist


def pkg_resources_support(pkg_resources, loader):
    """Called by the payload importer once pkg_resources has run: pkg_resources
    knows file-system and zipimport importers only, so without this its
    resource calls fail on bundled modules (NotImplementedError) and its
    working set has no distribution of the app (get_distribution raises
    DistributionNotFound). Registers a provider for the payload importer's
    modules and a finder for its sys.path entry, then adds the bundled
    distributions to the working set pkg_resources has just built, as it adds
    those of a directory on sys.path."""
    import os

    app = loader._app_path

    def payload_rel(path):
        # The archive path of `path` inside the app, or None for a path on
        # disk (the files of an extracted package).
        if path == app:
            return ""
        if path.startswith(app + "/"):
            return posixpath.normpath(path[len(app) + 1:])
        return None

    class PayloadProvider(pkg_resources.NullProvider):
        """Resources and metadata of modules the payload importer loaded."""

        def __init__(self, module=None, module_path=None, egg_info=None):
            if module is not None:
                super().__init__(module)
            else:
                self.loader, self.module_path = loader, module_path
            if egg_info is not None:
                self.egg_info = egg_info

        def _has(self, path):
            rel = payload_rel(path)
            if rel is None:
                return os.path.exists(path)
            return loader._payload_isfile(rel) or loader._payload_isdir(rel)

        def _isdir(self, path):
            rel = payload_rel(path)
            return os.path.isdir(path) if rel is None else loader._payload_isdir(rel)

        def _listdir(self, path):
            rel = payload_rel(path)
            return os.listdir(path) if rel is None else loader._payload_listdir(rel)

        def _get(self, path):
            return loader.get_data(path)

    def find_payload_distributions(importer, path_item, only=False):
        # What find_on_path gives for a directory's *.dist-info / *.egg-info.
        for dirname in sorted(loader._payload_metadata_dirs()):
            metadata = PayloadProvider(module_path=app, egg_info=posixpath.join(app, dirname))
            yield pkg_resources.Distribution.from_location(
                path_item, dirname, metadata, precedence=pkg_resources.DEVELOP_DIST)

    pkg_resources.register_loader_type(type(loader), PayloadProvider)
    pkg_resources.register_finder(type(loader), find_payload_distributions)
    # The master working set was built before these registrations: it holds
    # the app's entry with nothing in it. Its distributions are added and
    # activated as _initialize_master_working_set does for the ones it found
    # (activation of distributions found later, replace=True, would put the
    # app on sys.path a second time).
    ws = pkg_resources.working_set
    if app in ws.entries:
        added = []
        callbacks, ws.callbacks = ws.callbacks, []
        try:
            for dist in find_payload_distributions(loader, app, True):
                ws.add(dist, app, False)
                if ws.by_key.get(dist.key) is dist:
                    added.append(dist)
        finally:
            ws.callbacks = callbacks
        for dist in added:
            dist.activate(replace=False)
