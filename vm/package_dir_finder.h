// The path entry finder of an extracted package's directory on disk.
//
// pkgutil.iter_modules(pkg.__path__) lists a directory through its entry in
// sys.path_importer_cache, and an extracted directory holds no modules:
// each package directory of the extraction gets one of these, which lists
// what the payload has under that package (Django finds migrations and
// management commands this way). It reads nothing: a zipimporter of the
// same place (what was there before) parses the payload's whole central
// directory in Python the first time, 5 ms for numpy's 1,900 entries,
// at every start of an app that extracts numpy.
//
// find_spec asks the payload importer (which, first on sys.meta_path,
// serves these modules before PathFinder ever gets here) for the package's
// modules; for other names, when the directory is on disk and on sys.path
// itself (`python -m unittest NAME` run there), a FileFinder of it, as
// python would find the files there.
#pragma once

#include <Python.h>

#include <string>

namespace vm {

// A new finder for `package` ("a.b"), served by `importer` (the payload
// importer), of `directory` on disk ("" for a path inside the app file);
// nullptr with an exception set.
PyObject* NewPackageDirFinder(PyObject* importer, const std::string& package, const std::string& directory);

}  // namespace vm
