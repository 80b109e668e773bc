#include "vm/site_builtins.h"

#include <Python.h>
#include <structmember.h>

#include <initializer_list>

namespace vm {

namespace {

struct Quitter {
  PyObject_HEAD
  PyObject* name;  // "exit" or "quit"
  PyObject* eof;   // "Ctrl-D (i.e. EOF)"
};

void QuitterDealloc(PyObject* self) {
  Quitter* q = reinterpret_cast<Quitter*>(self);
  Py_XDECREF(q->name);
  Py_XDECREF(q->eof);
  Py_TYPE(self)->tp_free(self);
}

// 'Use %s() or %s to exit' % (self.name, self.eof)
PyObject* QuitterRepr(PyObject* self) {
  Quitter* q = reinterpret_cast<Quitter*>(self);
  return PyUnicode_FromFormat("Use %S() or %S to exit", q->name, q->eof);
}

// __call__(self, code=None): close stdin (so a shell reading it stops too),
// then raise SystemExit(code).
PyObject* QuitterCall(PyObject*, PyObject* args, PyObject* kwargs) {
  static const char* kwlist[] = {"code", nullptr};
  PyObject* code = Py_None;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|O:__call__", const_cast<char**>(kwlist), &code))
    return nullptr;
  PyObject* in = PySys_GetObject("stdin");  // borrowed
  if (in && in != Py_None) {
    PyObject* r = PyObject_CallMethod(in, "close", nullptr);
    Py_XDECREF(r);
  }
  PyErr_Clear();  // `except: pass`
  // An instance, so a tuple code stays one argument: SystemExit((1, 2)).
  PyObject* exc = PyObject_CallOneArg(PyExc_SystemExit, code);
  if (exc) {
    PyErr_SetObject(PyExc_SystemExit, exc);
    Py_DECREF(exc);
  }
  return nullptr;
}

// inspect.signature(exit) is `(code=None)`, as for the Python class's
// bound __call__: built when asked (inspect is not imported otherwise).
PyObject* QuitterSignature(PyObject*, void*) {
  PyObject* inspect = PyImport_ImportModule("inspect");
  if (!inspect) return nullptr;
  PyObject* sig = nullptr;
  PyObject* param_cls = PyObject_GetAttrString(inspect, "Parameter");
  PyObject* kind = param_cls ? PyObject_GetAttrString(param_cls, "POSITIONAL_OR_KEYWORD") : nullptr;
  PyObject* kw = kind ? Py_BuildValue("{s:O}", "default", Py_None) : nullptr;
  PyObject* pargs = kw ? Py_BuildValue("(sO)", "code", kind) : nullptr;
  PyObject* param = pargs ? PyObject_Call(param_cls, pargs, kw) : nullptr;
  PyObject* sig_cls = param ? PyObject_GetAttrString(inspect, "Signature") : nullptr;
  if (sig_cls) sig = PyObject_CallFunction(sig_cls, "([O])", param);
  Py_XDECREF(sig_cls);
  Py_XDECREF(param);
  Py_XDECREF(pargs);
  Py_XDECREF(kw);
  Py_XDECREF(kind);
  Py_XDECREF(param_cls);
  Py_DECREF(inspect);
  return sig;
}

PyMemberDef kQuitterMembers[] = {
    {"name", T_OBJECT, offsetof(Quitter, name), 0, nullptr},
    {"eof", T_OBJECT, offsetof(Quitter, eof), 0, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

PyGetSetDef kQuitterGetSet[] = {
    {"__signature__", QuitterSignature, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

PyTypeObject kQuitterType = [] {
  PyTypeObject t = {PyVarObject_HEAD_INIT(nullptr, 0)};
  t.tp_name = "_sitebuiltins.Quitter";
  t.tp_basicsize = sizeof(Quitter);
  t.tp_dealloc = QuitterDealloc;
  t.tp_repr = QuitterRepr;
  t.tp_call = QuitterCall;
  t.tp_flags = Py_TPFLAGS_DEFAULT;
  t.tp_members = kQuitterMembers;
  t.tp_getset = kQuitterGetSet;
  return t;
}();

PyObject* NewQuitter(const char* name) {
  Quitter* q = PyObject_New(Quitter, &kQuitterType);
  if (!q) return nullptr;
  q->name = PyUnicode_FromString(name);
  q->eof = PyUnicode_FromString("Ctrl-D (i.e. EOF)");
  if (!q->name || !q->eof) Py_CLEAR(q);
  return reinterpret_cast<PyObject*>(q);
}

}  // namespace

void InstallSiteBuiltins() {
  if (PyType_Ready(&kQuitterType) < 0) {
    PyErr_Clear();
    return;
  }
  PyObject* builtins = PyEval_GetBuiltins();  // borrowed dict
  for (const char* name : {"exit", "quit"}) {
    PyObject* q = NewQuitter(name);
    if (q) PyDict_SetItemString(builtins, name, q);
    Py_XDECREF(q);
  }
  PyErr_Clear();
}

}  // namespace vm
