// `freezer build --allow-env PYTHONxxx`: the few PYTHON* variables an app
// may choose to honour (the table: archive/environment_rules.h). The stub
// stays isolated (use_environment = 0) and reads exactly these itself
// (vm/config_values.h), applying each as python's initconfig does.
#pragma once

#include <string>

#include "vm/config_values.h"

struct PyConfig;
struct PyPreConfig;

namespace vm {

// Pre-configuration part (PYTHONUTF8, PYTHONDEVMODE), before Py_PreInitialize.
void ApplyAllowedPreEnvironment(const AllowedEnvironment& env, PyPreConfig* pre);

// Everything else, after the baked options are set and before
// Py_InitializeFromConfig. PYTHONWARNINGS entries go before --warnings ones,
// as python orders PYTHONWARNINGS before -W.
bool ApplyAllowedEnvironment(const AllowedEnvironment& env, PyConfig* config, std::string* err);

}  // namespace vm
