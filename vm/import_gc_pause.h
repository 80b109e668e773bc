// The cyclic garbage collector's thresholds, raised while a bundled module's
// body runs (its import), and put back when the outermost such import ends.
//
// Why: importing allocates many long-lived container objects (functions,
// classes, dicts), and each gen-0 threshold crossing sets off a collection
// that finds nothing to free; every tenth of those traverses the older
// generations, and the full ones traverse every module imported so far.
// In stdlib_tour about 5% of start-up went to these (docs/benchmarks.md).
//
// What a program can see: gc.get_threshold() called from inside a module
// body while it is being imported returns the raised values. Everything
// else is as under python: collection timing is not part of the language,
// code outside imports runs with the program's thresholds, a threshold of 0
// (automatic collection off) is never raised, and thresholds the program sets
// during an import are kept (they are not overwritten on the way out).
#pragma once

#include <Python.h>

namespace vm {

class ImportGcPause {
 public:
  // Call around the execution of one module body; nesting is counted, only
  // the outermost pair changes thresholds. Neither sets a Python exception
  // (a failure to read or set the thresholds just leaves them alone).
  void Enter();
  void Leave();

 private:
  int depth_ = 0;
  bool raised_ = false;
  long saved_[3] = {0, 0, 0};
};

// One per process: imports nest across importers and threads (under the GIL).
ImportGcPause& ProcessImportGcPause();

}  // namespace vm
