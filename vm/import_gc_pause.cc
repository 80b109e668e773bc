#include "vm/import_gc_pause.h"

#include "vm/python_values.h"

namespace vm {

namespace {

// gen 0 collections every this many net container allocations while
// importing, instead of 700: collections still run (a module body that makes
// cyclic garbage in a loop is bounded), but rarely.
constexpr long kImportThreshold0 = 100000;

// The thresholds now, false (no exception left) if gc cannot say.
bool GetThresholds(long out[3]) {
  PyObject* get = ModuleAttr("gc", "get_threshold");
  PyObject* t = get ? PyObject_CallNoArgs(get) : nullptr;
  Py_XDECREF(get);
  bool ok = t && PyTuple_Check(t) && PyTuple_GET_SIZE(t) == 3;
  for (Py_ssize_t i = 0; ok && i < 3; ++i) {
    out[i] = PyLong_AsLong(PyTuple_GET_ITEM(t, i));
    ok = !(out[i] == -1 && PyErr_Occurred());
  }
  Py_XDECREF(t);
  PyErr_Clear();
  return ok;
}

void SetThresholds(const long t[3]) {
  PyObject* set = ModuleAttr("gc", "set_threshold");
  PyObject* r = set ? PyObject_CallFunction(set, "lll", t[0], t[1], t[2]) : nullptr;
  Py_XDECREF(set);
  Py_XDECREF(r);
  PyErr_Clear();
}

}  // namespace

void ImportGcPause::Enter() {
  if (depth_++ > 0) return;
  raised_ = false;
  // Keep whatever exception is being handled or raised around the import.
  PyObject *type, *value, *traceback;
  PyErr_Fetch(&type, &value, &traceback);
  if (GetThresholds(saved_) && saved_[0] > 0 && saved_[0] < kImportThreshold0) {
    const long raised[3] = {kImportThreshold0, saved_[1], saved_[2]};
    SetThresholds(raised);
    raised_ = true;
  }
  PyErr_Restore(type, value, traceback);
}

void ImportGcPause::Leave() {
  if (depth_ == 0 || --depth_ > 0 || !raised_) return;
  raised_ = false;
  PyObject *type, *value, *traceback;
  PyErr_Fetch(&type, &value, &traceback);
  long now[3];
  // Changed by the program during the import: its values stay.
  if (GetThresholds(now) && now[0] == kImportThreshold0 && now[1] == saved_[1] && now[2] == saved_[2])
    SetThresholds(saved_);
  PyErr_Restore(type, value, traceback);
}

ImportGcPause& ProcessImportGcPause() {
  static ImportGcPause pause;
  return pause;
}

}  // namespace vm
