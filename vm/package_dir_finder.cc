#include "vm/package_dir_finder.h"

#include "vm/path_entry.h"

namespace vm {

namespace {

struct FinderObject {
  PyObject_HEAD
  PyObject* importer;
  PyObject* package;    // str
  PyObject* directory;  // str, or None for a path inside the app file
  PyObject* files;      // the directory's FileFinder, made when first asked
};

FinderObject* Finder(PyObject* self) { return reinterpret_cast<FinderObject*>(self); }

// iter_modules(prefix=''): the modules directly in the package.
PyObject* FinderIterModules(PyObject* self, PyObject* args, PyObject* kwargs) {
  static const char* kwlist[] = {"prefix", nullptr};
  const char* prefix = "";
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|s:iter_modules", const_cast<char**>(kwlist),
                                   &prefix))
    return nullptr;
  const char* package = PyUnicode_AsUTF8(Finder(self)->package);
  if (!package) return nullptr;
  return ListPayloadModules(Finder(self)->importer, package, prefix);
}

// importlib's FileFinder of `directory`, with python's loaders.
PyObject* NewFileFinder(PyObject* directory) {
  PyObject* external = PyImport_ImportModule("_frozen_importlib_external");
  if (!external) return nullptr;
  PyObject* loaders = PyObject_CallMethod(external, "_get_supported_file_loaders", nullptr);
  PyObject* finder_type = loaders ? PyObject_GetAttrString(external, "FileFinder") : nullptr;
  PyObject* args = nullptr;
  if (finder_type) {
    PyObject* head = PyTuple_Pack(1, directory);
    PyObject* rest = head ? PySequence_Tuple(loaders) : nullptr;
    args = rest ? PySequence_Concat(head, rest) : nullptr;
    Py_XDECREF(head);
    Py_XDECREF(rest);
  }
  PyObject* finder = args ? PyObject_Call(finder_type, args, nullptr) : nullptr;
  Py_XDECREF(args);
  Py_XDECREF(finder_type);
  Py_XDECREF(loaders);
  Py_DECREF(external);
  return finder;
}

// find_spec(fullname, target=None): the payload importer's answer for a
// module of this package, None for any other name.
PyObject* FinderFindSpec(PyObject* self, PyObject* args, PyObject* kwargs) {
  static const char* kwlist[] = {"fullname", "target", nullptr};
  PyObject* fullname;
  PyObject* target = Py_None;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "U|O:find_spec", const_cast<char**>(kwlist),
                                   &fullname, &target))
    return nullptr;
  PyObject* dot = PyUnicode_FromString(".");
  PyObject* head = dot ? PyUnicode_Concat(Finder(self)->package, dot) : nullptr;
  Py_XDECREF(dot);
  if (!head) return nullptr;
  int inside = PyUnicode_Tailmatch(fullname, head, 0, PY_SSIZE_T_MAX, -1);
  Py_DECREF(head);
  if (inside < 0) return nullptr;
  if (inside) return PyObject_CallMethod(Finder(self)->importer, "find_spec", "OOO", fullname, Py_None, target);
  // Another name: the directory is on sys.path itself (`python -m` run
  // there puts it first), where python's FileFinder finds its files.
  if (Finder(self)->directory == Py_None) Py_RETURN_NONE;
  if (!Finder(self)->files && !(Finder(self)->files = NewFileFinder(Finder(self)->directory))) return nullptr;
  return PyObject_CallMethod(Finder(self)->files, "find_spec", "OO", fullname, target);
}

PyObject* FinderInvalidateCaches(PyObject*, PyObject*) { Py_RETURN_NONE; }

PyObject* FinderRepr(PyObject* self) {
  return PyUnicode_FromFormat("<PackageDirFinder %U of %R>", Finder(self)->package,
                              Finder(self)->importer);
}

void FinderDealloc(PyObject* self) {
  PyTypeObject* type = Py_TYPE(self);
  Py_CLEAR(Finder(self)->importer);
  Py_CLEAR(Finder(self)->package);
  Py_CLEAR(Finder(self)->directory);
  Py_CLEAR(Finder(self)->files);
  type->tp_free(self);
  Py_DECREF(type);
}

PyMethodDef kFinderMethods[] = {
    {"iter_modules", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)(void)>(FinderIterModules)),
     METH_VARARGS | METH_KEYWORDS, "pkgutil: the payload's modules directly in the package."},
    {"find_spec", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)(void)>(FinderFindSpec)),
     METH_VARARGS | METH_KEYWORDS, "The payload importer's spec of a module of the package, the directory's files' of another."},
    {"invalidate_caches", FinderInvalidateCaches, METH_NOARGS, "Nothing to invalidate."},
    {nullptr, nullptr, 0, nullptr}};

PyType_Slot kFinderSlots[] = {
    {Py_tp_methods, kFinderMethods},
    {Py_tp_repr, reinterpret_cast<void*>(FinderRepr)},
    {Py_tp_dealloc, reinterpret_cast<void*>(FinderDealloc)},
    {Py_tp_doc, const_cast<char*>("Path entry finder of an extracted package's directory.")},
    {0, nullptr}};

PyType_Spec kFinderSpec = {"freezer.PackageDirFinder", sizeof(FinderObject), 0, Py_TPFLAGS_DEFAULT,
                           kFinderSlots};

}  // namespace

PyObject* NewPackageDirFinder(PyObject* importer, const std::string& package, const std::string& directory) {
  static PyObject* type = nullptr;  // one heap type, kept for the process
  if (!type && !(type = PyType_FromSpec(&kFinderSpec))) return nullptr;
  // Holds a reference to its heap type (PyType_GenericAlloc), dropped in dealloc.
  PyObject* self = PyType_GenericAlloc(reinterpret_cast<PyTypeObject*>(type), 0);
  if (!self) return nullptr;
  Py_INCREF(importer);
  Finder(self)->importer = importer;
  Finder(self)->package = PyUnicode_FromString(package.c_str());
  if (directory.empty()) {
    Py_INCREF(Py_None);
    Finder(self)->directory = Py_None;
  } else {
    Finder(self)->directory = PyUnicode_DecodeFSDefault(directory.c_str());
  }
  if (!Finder(self)->package || !Finder(self)->directory) Py_CLEAR(self);
  return self;
}

}  // namespace vm
