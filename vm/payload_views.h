// Directory views of the payload for importlib.resources,
// importlib.metadata and pkg_resources: methods of the payload importer (`self`, whose app's
// payload they view), their Python side the bundled _freezer_resources
// module (vm/support/).
#pragma once

#include <Python.h>

namespace vm {

// _payload_listdir(rel): names directly below an archive directory.
PyObject* PayloadListdir(PyObject* self, PyObject* rel);
// _payload_isdir(rel), _payload_isfile(rel).
PyObject* PayloadIsdir(PyObject* self, PyObject* rel);
PyObject* PayloadIsfile(PyObject* self, PyObject* rel);
// _payload_metadata_dirs(): the bundled *.dist-info / *.egg-info.
PyObject* PayloadMetadataDirs(PyObject* self, PyObject* unused);
// get_resource_reader(fullname): a TraversableResources for a package.
PyObject* GetResourceReader(PyObject* self, PyObject* fullname);
// find_distributions(context=None): importlib.metadata's finder hook.
PyObject* FindDistributions(PyObject* self, PyObject* args);

// After the importer has run `pkg_resources`: its resource provider and
// distribution finder for the payload. False with an exception set.
bool AfterPkgResources(PyObject* self, PyObject* module);

}  // namespace vm
